// Viewer panel (DAQ_Viewer): the instrument's motors (readback, setpoint entry, limits, stop) and detectors.
import { useEffect, useState } from 'react';
import type { DetectorInfo, DeviceInfo, MotorInfo, MotorPosition } from '../../shared/api.ts';
import { getBridge } from '../bridge.ts';
import { useReportError } from '../errors.tsx';
import { DetectorView } from './DetectorView.tsx';
import { SavingBlock } from './SavingBlock.tsx';
import type { PanelProps } from './types.ts';

function MotorRow({ motor, live }: { motor: MotorInfo; live: MotorPosition | undefined }) {
  const [target, setTarget] = useState(String(motor.setpoint));
  const report = useReportError();
  const value = Number(target);
  const invalid = target.trim() === '' || !Number.isFinite(value);
  const outside = !invalid && (value < motor.limits[0] || value > motor.limits[1]);
  const position = live?.position ?? motor.position;
  return (
    <tr data-testid={`motor-${motor.name}`}>
      <td className="name">{motor.name}</td>
      <td className="num readback" data-testid={`readback-${motor.name}`}>
        {position.toFixed(4)}
      </td>
      <td>{motor.units}</td>
      <td>
        <form
          className="inline"
          onSubmit={(e) => {
            e.preventDefault();
            // Out-of-limit targets are sent anyway: the backend's refusal explains the limits in the banner.
            if (!invalid) getBridge().api.moveMotor(motor.name, value).catch(report);
          }}
        >
          <input
            aria-label={`${motor.name} setpoint`}
            className={invalid || outside ? 'num invalid' : 'num'}
            value={target}
            onChange={(e) => setTarget(e.target.value)}
            title={outside ? `outside the limits [${motor.limits[0]}, ${motor.limits[1]}]` : undefined}
          />
          <button type="submit" disabled={invalid}>
            Move
          </button>
        </form>
      </td>
      <td className="num">
        [{motor.limits[0]}, {motor.limits[1]}]
      </td>
      <td>{live?.moving ? <span className="moving">moving</span> : 'idle'}</td>
      <td>
        <button onClick={() => getBridge().api.stopMotor(motor.name).catch(report)}>Stop</button>
      </td>
    </tr>
  );
}

function DetectorRow({ det, selected, grabbing, exposure, onSelect, onGrabbing }: { det: DetectorInfo; selected: boolean; grabbing: boolean; exposure: number; onSelect: () => void; onGrabbing: (names: string[]) => void }) {
  const report = useReportError();
  const [exp, setExp] = useState(String(exposure));
  const api = getBridge().api;
  const valid = exp.trim() !== '' && Number.isFinite(Number(exp)) && Number(exp) >= 0 && Number(exp) <= 3600;
  return (
    <tr data-testid={`detector-${det.name}`} className={selected ? 'selected' : ''} onClick={onSelect}>
      <td className="name">{det.name}</td>
      <td>
        <input
          className={valid ? 'num' : 'num invalid'}
          aria-label={`${det.name} exposure`}
          value={exp}
          onChange={(e) => setExp(e.target.value)}
          onBlur={() => valid && api.viewerSetExposure(det.name, Number(exp)).catch(report)}
          title="exposure (s)"
        />
      </td>
      <td className="buttons">
        <button aria-label={`Grab ${det.name}`} disabled={grabbing} onClick={() => (onSelect(), api.viewerGrab(det.name).then((r) => onGrabbing(r.grabbing), report))}>
          Grab
        </button>
        <button aria-label={`Snap ${det.name}`} disabled={grabbing} onClick={() => (onSelect(), api.viewerSnap(det.name).catch(report))}>
          Snap
        </button>
        <button aria-label={`Stop ${det.name}`} disabled={!grabbing} onClick={() => api.viewerStop(det.name).then((r) => onGrabbing(r.grabbing), report)}>
          Stop
        </button>
      </td>
      <td>{det.ndim}-D</td>
      <td>{det.shape.length ? det.shape.join(' × ') : 'scalar'}</td>
      <td>{det.dtype}</td>
      <td>{det.units}</td>
      <td className="settings">
        {Object.entries(det.settings)
          .map(([k, v]) => `${k}=${typeof v === 'number' ? Number(v.toPrecision(4)) : String(v)}`)
          .join(', ')}
      </td>
    </tr>
  );
}

export function ViewerPanel(_props: PanelProps) {
  const [devices, setDevices] = useState<DeviceInfo[] | undefined>();
  const [live, setLive] = useState<Map<string, MotorPosition>>(new Map());
  const [selected, setSelected] = useState('eiger1');
  const [grabbing, setGrabbing] = useState<string[]>([]);
  const [exposures, setExposures] = useState<Record<string, number>>({});
  const report = useReportError();

  useEffect(() => {
    const bridge = getBridge();
    bridge.api.listDevices().then(setDevices, report);
    const refresh = () => bridge.api.getViewerState().then((v) => (setGrabbing(v.grabbing), setExposures(v.exposures)), report);
    void refresh();
    const t = setInterval(refresh, 1000);
    const offs = [
      bridge.on('motors.positions', (positions) => setLive(new Map(positions.map((p) => [p.name, p])))),
    ];
    return () => {
      clearInterval(t);
      for (const off of offs) off();
    };
  }, [report]);

  if (!devices) return <p className="muted">Loading devices…</p>;
  const motors = devices.filter((d): d is MotorInfo => d.kind === 'motor');
  const detectors = devices.filter((d): d is DetectorInfo => d.kind === 'detector');
  return (
    <div className="viewer">
      <h2>Motors</h2>
      <table className="grid" data-testid="motor-table">
        <thead>
          <tr>
            <th>name</th>
            <th>readback</th>
            <th>units</th>
            <th>setpoint</th>
            <th>limits</th>
            <th>state</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {motors.map((m) => (
            <MotorRow key={m.name} motor={m} live={live.get(m.name)} />
          ))}
        </tbody>
      </table>
      <h2>Detectors</h2>
      <table className="grid" data-testid="detector-table">
        <thead>
          <tr>
            <th>name</th>
            <th>exposure (s)</th>
            <th />
            <th>kind</th>
            <th>shape</th>
            <th>dtype</th>
            <th>units</th>
            <th>settings</th>
          </tr>
        </thead>
        <tbody>
          {detectors.map((d) => (
            <DetectorRow
              key={d.name}
              det={d}
              selected={d.name === selected}
              grabbing={grabbing.includes(d.name)}
              exposure={exposures[d.name] ?? 0.05}
              onSelect={() => setSelected(d.name)}
              onGrabbing={setGrabbing}
            />
          ))}
        </tbody>
      </table>
      <div className="viewer-live">
        <section className="live-view" aria-label="live view">
          <h2>Live: {selected}</h2>
          <DetectorView detector={selected} />
        </section>
        <SavingBlock detector={selected} />
      </div>
    </div>
  );
}
