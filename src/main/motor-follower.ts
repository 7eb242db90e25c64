// While any motor moves, publishes the positions at ~20 Hz ('motors.positions'), and one last update when all
// have stopped, so the UI follows a move without polling.
import type { MotorPosition } from '../shared/api.ts';
import type { Instrument } from './instrument/instrument.ts';

export class MotorFollower {
  private timer: NodeJS.Timeout | undefined;

  private readonly instrument: Instrument;
  private readonly publish: (positions: MotorPosition[]) => void;

  constructor(instrument: Instrument, publish: (positions: MotorPosition[]) => void) {
    this.instrument = instrument;
    this.publish = publish;
  }

  /** Starts following (no-op while already following). */
  follow(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      const positions = [...this.instrument.motors.values()].map((m) => m.position());
      this.publish(positions);
      if (!positions.some((p) => p.moving)) this.stop();
    }, 50);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
