// The instrument's devices, for every view that shows or picks them (the Viewer's motor table, the Scan form, its
// relative-scan limits): listed once with listDevices, then the motors' readbacks kept current by
// 'motors.positions', which the backend publishes from its motor follower. A position is never read once at
// panel open and then trusted: every view sees the same live readback.
import { useEffect, useMemo, useState } from 'react';
import type { DetectorInfo, DeviceInfo, MotorInfo, MotorPosition } from '../../shared/api.ts';
import { getBridge } from '../bridge.ts';
import { useReportError } from '../errors.tsx';

export interface Devices {
  /** Every device as listed (undefined until the first answer arrives). */
  list: DeviceInfo[] | undefined;
  motors: MotorInfo[];
  detectors: DetectorInfo[];
  /** The latest readback, setpoint and moving flag of each motor, by name. */
  positions: ReadonlyMap<string, MotorPosition>;
}

export function useDevices(): Devices {
  const report = useReportError();
  const [list, setList] = useState<DeviceInfo[] | undefined>();
  const [positions, setPositions] = useState<ReadonlyMap<string, MotorPosition>>(new Map());
  useEffect(() => {
    const bridge = getBridge();
    // An event that arrives before the list is newer than the list's positions: merge, never overwrite it.
    const merge = (ps: MotorPosition[], older: boolean) =>
      setPositions((cur) => {
        const next = new Map(cur);
        for (const p of ps) if (!older || !cur.has(p.name)) next.set(p.name, p);
        return next;
      });
    const off = bridge.on('motors.positions', (ps) => merge(ps, false));
    bridge.api.listDevices().then((ds) => {
      setList(ds);
      merge(
        ds.filter((d): d is MotorInfo => d.kind === 'motor').map(({ name, position, setpoint, moving }) => ({ name, position, setpoint, moving })),
        true,
      );
    }, report);
    return off;
  }, [report]);
  const motors = useMemo(() => (list ?? []).filter((d): d is MotorInfo => d.kind === 'motor'), [list]);
  const detectors = useMemo(() => (list ?? []).filter((d): d is DetectorInfo => d.kind === 'detector'), [list]);
  return { list, motors, detectors, positions };
}
