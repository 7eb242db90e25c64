// The Viewer's motor table: every motor with its live readback (useDevices follows 'motors.positions').
import type { MotorInfo, MotorPosition } from '../../../shared/api.ts';
import { useMotorMoves } from '../../hooks/use-motor-moves.ts';
import { MotorRow } from './MotorRow.tsx';

export function MotorTable({ motors, positions }: { motors: MotorInfo[]; positions: ReadonlyMap<string, MotorPosition> }) {
  const moves = useMotorMoves();
  return (
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
          <MotorRow key={m.name} motor={m} live={positions.get(m.name)} moves={moves} />
        ))}
      </tbody>
    </table>
  );
}
