// One motor of the Viewer's motor table: readback (live), a setpoint box taking an absolute position or a relative
// move (+1, -=1), tweak buttons with their step, and Stop.
import { useRef, useState } from 'react';
import type { MotorInfo, MotorPosition } from '../../../shared/api.ts';
import type { MotorMoves } from '../../hooks/use-motor-moves.ts';
import { parseMotorTarget, resolveTarget } from '../motor-target.ts';

export function MotorRow({ motor, live, moves }: { motor: MotorInfo; live: MotorPosition | undefined; moves: MotorMoves }) {
  const [target, setTarget] = useState(String(motor.setpoint));
  const [step, setStep] = useState('1');
  const position = live?.position ?? motor.position;
  // Relative moves count from the last target sent: two quick clicks on "+" make two steps even before the
  // backend reports the first setpoint (a second passes at most; a stop or another window's move wins after).
  const sent = useRef<{ to: number; at: number } | undefined>(undefined);
  const reported = live?.setpoint ?? motor.setpoint;
  // Read when a button is pressed (a ref does not re-render, so a value computed at render time would be stale).
  const from = () => (sent.current && sent.current.to !== reported && performance.now() - sent.current.at < 1000 ? sent.current.to : reported);
  const parsed = parseMotorTarget(target);
  // A relative move counts from the setpoint, so two quick "+1" give +2 even while the motor still moves.
  const goal = resolveTarget(parsed, reported);
  const outside = goal !== undefined && (goal < motor.limits[0] || goal > motor.limits[1]);
  const stepValue = Number(step);
  const stepOk = step.trim() !== '' && Number.isFinite(stepValue) && stepValue > 0;
  const limits = `limits [${motor.limits[0]}, ${motor.limits[1]}] ${motor.units}`;
  const move = (to: number) => {
    const target = Number(to.toPrecision(12));
    sent.current = { to: target, at: performance.now() };
    return moves.move(motor.name, target);
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
        <button onClick={() => moves.stop(motor.name)} title={`Stop ${motor.name} (Escape stops every motor)`}>
          Stop
        </button>
      </td>
    </tr>
  );
}
