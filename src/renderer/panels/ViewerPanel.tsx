// Viewer panel (DAQ_Viewer): the instrument's motors (readback, setpoint entry, limits, stop) and detectors.
import { useEffect, useRef, useState } from 'react';
import type { DetectorInfo, DeviceInfo, MotorInfo, MotorPosition } from '../../shared/api.ts';
import { getBridge } from '../bridge.ts';
import { useReportError } from '../errors.tsx';
import { DetectorView } from './DetectorView.tsx';
import { DetectorSettingsPanel } from './DetectorSettingsPanel.tsx';
import { SavedPositions } from './SavedPositions.tsx';
import { parseMotorTarget, resolveTarget } from './motor-target.ts';
import { SavingBlock } from './SavingBlock.tsx';
import { SplitPane } from './SplitPane.tsx';
import type { PanelProps } from './types.ts';

function MotorRow({ motor, live }: { motor: MotorInfo; live: MotorPosition | undefined }) {
  const [target, setTarget] = useState(String(motor.setpoint));
  const [step, setStep] = useState('1');
  const report = useReportError();
  const position = live?.position ?? motor.position;
  // Relative moves count from the last target sent: two quick clicks on "+" make two steps even before the
  // backend reports the first setpoint (a second passes at most; a stop or another window's move wins after).
  const sent = useRef<{ to: number; at: number } | undefined>(undefined);
  const reported = live?.setpoint ?? motor.setpoint;
  // Read when a button is pressed (a ref does not re-render, so a value computed at render time would be stale).
  const from = () => (sent.current && sent.current.to !== reported && performance.now() - sent.current.at < 1000 ? sent.current.to : reported);
  const setpoint = reported;
  const parsed = parseMotorTarget(target);
  // A relative move counts from the setpoint, so two quick "+1" give +2 even while the motor still moves.
  const goal = resolveTarget(parsed, setpoint);
  const outside = goal !== undefined && (goal < motor.limits[0] || goal > motor.limits[1]);
  const stepValue = Number(step);
  const stepOk = step.trim() !== '' && Number.isFinite(stepValue) && stepValue > 0;
  const limits = `limits [${motor.limits[0]}, ${motor.limits[1]}] ${motor.units}`;
  const move = (to: number) => {
    const target = Number(to.toPrecision(12));
    sent.current = { to: target, at: performance.now() };
    return getBridge().api.moveMotor(motor.name, target).catch(report);
  };
  return (
    <tr data-testid={`motor-${motor.name}`}>
      <td className="name" title={`${motor.name}: ${limits}, ${motor.velocity} ${motor.units}/s`}>
        {motor.name}
      </td>
      <td className={live?.moving ? 'num readback moving' : 'num readback'} data-testid={`readback-${motor.name}`} title={live?.moving ? 'moving' : 'idle'}>
        {position.toFixed(4)} <span className="units">{motor.units}</span>
      </td>
      <td>
        <form
          className="inline"
          onSubmit={(e) => {
            e.preventDefault();
            // Out-of-limit targets are sent anyway: the backend's refusal explains the limits in the banner.
            const to = resolveTarget(parsed, from());
            if (to !== undefined) void move(to);
          }}
        >
          <input
            aria-label={`${motor.name} setpoint`}
            className={goal === undefined || outside ? 'num setpoint invalid' : 'num setpoint'}
            value={target}
            onChange={(e) => setTarget(e.target.value)}
            title={parsed.kind === 'invalid' ? parsed.reason : outside ? `${goal} is outside the ${limits}` : `Enter: move to ${goal} (type +1 or -=1 for a relative move; ${limits})`}
          />
          <button type="submit" disabled={goal === undefined} title={goal === undefined ? 'Type a position first' : `Move ${motor.name} to ${goal}`}>
            Move
          </button>
        </form>
      </td>
      <td className="tweak">
        <button aria-label={`${motor.name} tweak down`} disabled={!stepOk} title={`Move ${motor.name} by −${step}`} onClick={() => void move(from() - stepValue)}>
          −
        </button>
        <input aria-label={`${motor.name} step`} className={stepOk ? 'num step' : 'num step invalid'} value={step} onChange={(e) => setStep(e.target.value)} title="Tweak step" />
        <button aria-label={`${motor.name} tweak up`} disabled={!stepOk} title={`Move ${motor.name} by +${step}`} onClick={() => void move(from() + stepValue)}>
          +
        </button>
      </td>
      <td>
        <button onClick={() => getBridge().api.stopMotor(motor.name).catch(report)} title={`Stop ${motor.name} (Escape stops every motor)`}>
          Stop
        </button>
      </td>
    </tr>
  );
}

function DetectorRow({ det, selected, grabbing, exposure, onSelect, onGrabbing }: { det: DetectorInfo; selected: boolean; grabbing: boolean; exposure: number | undefined; onSelect: () => void; onGrabbing: (names: string[]) => void }) {
  const report = useReportError();
  // The box shows the backend's exposure until the user types; then the draft until it is sent (on blur or Enter).
  // Before the Viewer state arrives it stays empty instead of guessing a default.
  const [draft, setDraft] = useState<string | undefined>();
  const exp = draft ?? (exposure === undefined ? '' : String(exposure));
  const api = getBridge().api;
  const valid = exp.trim() !== '' && Number.isFinite(Number(exp)) && Number(exp) >= 0 && Number(exp) <= 3600;
  const commit = () => {
    if (draft === undefined) return;
    if (!valid) return;
    api.viewerSetExposure(det.name, Number(exp)).then(() => setDraft(undefined), report);
  };
  const settings = Object.entries(det.settings)
    .map(([k, v]) => `${k}=${typeof v === 'number' ? Number(v.toPrecision(4)) : String(v)}`)
    .join(', ');
  const kind = `${det.ndim}-D${det.shape.length ? ' ' + det.shape.join('×') : ''}`;
  return (
    <tr data-testid={`detector-${det.name}`} className={selected ? 'selected' : ''} onClick={onSelect}>
      <td className="name" title={`Show ${det.name} in the live view`}>
        {det.name}
      </td>
      <td>
        <input
          className={valid ? 'num exposure' : 'num exposure invalid'}
          aria-label={`${det.name} exposure`}
          value={exp}
          placeholder="…"
          onChange={(e) => setDraft(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => e.key === 'Enter' && commit()}
          title="Exposure (s), 0 to 3600; sent when you leave the box or press Enter"
        />
      </td>
      <td className="buttons">
        <button aria-label={`Grab ${det.name}`} disabled={grabbing} title={grabbing ? `${det.name} is grabbing` : 'Acquire continuously'} onClick={() => (onSelect(), api.viewerGrab(det.name).then((r) => onGrabbing(r.grabbing), report))}>
          Grab
        </button>
        <button aria-label={`Snap ${det.name}`} disabled={grabbing} title={grabbing ? `${det.name} is grabbing` : 'Acquire one frame'} onClick={() => (onSelect(), api.viewerSnap(det.name).catch(report))}>
          Snap
        </button>
        <button aria-label={`Stop ${det.name}`} disabled={!grabbing} title={grabbing ? 'Stop grabbing' : `${det.name} is not grabbing`} onClick={() => api.viewerStop(det.name).then((r) => onGrabbing(r.grabbing), report)}>
          Stop
        </button>
      </td>
      <td className="settings" title={`${det.dtype}, ${det.units}; ${settings}`}>
        {kind}
      </td>
    </tr>
  );
}

export function ViewerPanel(_props: PanelProps) {
  const [devices, setDevices] = useState<DeviceInfo[] | undefined>();
  const [live, setLive] = useState<Map<string, MotorPosition>>(new Map());
  const [selected, setSelected] = useState('eiger1');
  const [grabbing, setGrabbing] = useState<string[]>([]);
  const [exposures, setExposures] = useState<Record<string, number> | undefined>();
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
  const side = (
    <div className="viewer-side">
      <h2>Motors</h2>
      <table className="grid compact" data-testid="motor-table">
        <thead>
          <tr>
            <th>name</th>
            <th>readback</th>
            <th title="Absolute position, or +1 / -=1 relative">setpoint</th>
            <th>tweak</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {motors.map((m) => (
            <MotorRow key={m.name} motor={m} live={live.get(m.name)} />
          ))}
        </tbody>
      </table>
      <SavedPositions />
      <h2>Detectors</h2>
      <table className="grid compact" data-testid="detector-table">
        <thead>
          <tr>
            <th>name</th>
            <th>exposure (s)</th>
            <th />
            <th>kind</th>
          </tr>
        </thead>
        <tbody>
          {detectors.map((d) => (
            <DetectorRow
              key={d.name}
              det={d}
              selected={d.name === selected}
              grabbing={grabbing.includes(d.name)}
              exposure={exposures?.[d.name]}
              onSelect={() => setSelected(d.name)}
              onGrabbing={setGrabbing}
            />
          ))}
        </tbody>
      </table>
      <DetectorSettingsPanel detector={selected} />
      <SavingBlock detector={selected} />
    </div>
  );
  return (
    <div className="viewer">
      <SplitPane
        id="viewer"
        sideWidth={480}
        minSide={300}
        minMain={380}
        main={
          <section className="live-view" aria-label="live view">
            <h2>Live: {selected}</h2>
            <DetectorView detector={selected} />
          </section>
        }
        side={side}
      />
    </div>
  );
}
