// Moving and stopping motors (the Viewer's motor table, Escape anywhere). The positions themselves come from
// useDevices, which follows 'motors.positions'.
import { useMemo } from 'react';
import { getBridge } from '../bridge.ts';
import { useReportError } from '../errors.tsx';

export interface MotorMoves {
  /** Resolves when the move has ended (or was refused: the banner says why). */
  move: (motor: string, to: number) => Promise<void>;
  stop: (motor: string) => void;
  /** Stops every motor that is moving now (asked fresh, so a move started in another window is stopped too). */
  stopMoving: () => void;
}

export function useMotorMoves(): MotorMoves {
  const report = useReportError();
  return useMemo(() => {
    const api = getBridge().api;
    return {
      move: (motor: string, to: number) => api.moveMotor(motor, to).then(() => undefined, report),
      stop: (motor: string) => void api.stopMotor(motor).catch(report),
      stopMoving: () =>
        void api
          .listDevices()
          .then((devices) => Promise.all(devices.filter((d) => d.kind === 'motor' && d.moving).map((m) => api.stopMotor(m.name))))
          .catch(report),
    };
  }, [report]);
}
