// A simulated motor: setpoint, readback with small noise, limits, velocity. A move takes distance/velocity
// seconds unless instant moves are on (tests and benchmarks).
import { DaqError } from '../../shared/errors.ts';
import type { MotorInfo, MotorPosition } from '../../shared/api.ts';
import type { MotorConfig } from './config.ts';

export class SimMotor {
  readonly name: string;
  readonly units: string;
  readonly limits: [number, number];
  readonly velocity: number;
  readonly labels: string[];
  instant: boolean;
  private from: number;
  private to: number;
  private moveStart = 0;
  private moveEnd = 0;
  private readonly noise: () => number;

  constructor(name: string, cfg: MotorConfig, instant: boolean, noise: () => number = () => 0) {
    this.name = name;
    this.units = cfg.units;
    this.limits = cfg.limits;
    this.velocity = cfg.velocity;
    this.labels = cfg.labels;
    this.instant = instant;
    this.fault = cfg.fault ?? 'none';
    const start = cfg.position ?? Math.min(Math.max(0, cfg.limits[0]), cfg.limits[1]);
    this.from = start;
    this.to = start;
    this.noise = noise;
  }

  /** Refuses a target before anything moves. */
  check(target: number): void {
    if (!Number.isFinite(target)) {
      throw new DaqError('BAD_ARGUMENTS', `${this.name}: target ${target} is not a finite number. Give a number within [${this.limits[0]}, ${this.limits[1]}] ${this.units}.`);
    }
    const [lo, hi] = this.limits;
    if (target < lo || target > hi) {
      throw new DaqError('OUT_OF_LIMITS', `${this.name}: ${target} ${this.units} is outside the limits [${lo}, ${hi}] ${this.units}. Choose a target within them.`);
    }
  }

  private now(): number {
    return performance.now();
  }

  /** The true position now (no readback noise): what a detector sees. */
  truePosition(): number {
    return this.ideal();
  }

  /** The ideal position now (no noise). */
  private ideal(): number {
    const t = this.now();
    if (t >= this.moveEnd) return this.to;
    const f = (t - this.moveStart) / (this.moveEnd - this.moveStart);
    return this.from + (this.to - this.from) * f;
  }

  get moving(): boolean {
    return this.now() < this.moveEnd;
  }

  get setpoint(): number {
    return this.to;
  }

  /** Readback: the true position plus a small encoder noise (σ = 1e-4 of a unit). */
  read(): number {
    return this.readWith(this.noise());
  }

  /** Readback with a given standard-normal deviate (a scan draws it from its own seeded source). */
  readWith(deviate: number): number {
    return this.ideal() + deviate * 1e-4;
  }

  /** Starts a move and resolves when it is done. */
  /** A simulated fault (see the config's `fault`): an unresponsive motor never reports the end of a move. */
  fault: 'none' | 'unresponsive' = 'none';

  /** How long a move to `target` should take, in seconds. */
  expectedSeconds(target: number): number {
    return this.instant ? 0 : Math.abs(target - this.ideal()) / this.velocity;
  }

  async move(target: number, signal?: AbortSignal): Promise<number> {
    this.check(target);
    if (this.fault === 'unresponsive') {
      // It took the command and then went silent: only an abort ends the wait.
      await new Promise<void>((resolveMove) => {
        if (signal?.aborted) return resolveMove();
        signal?.addEventListener('abort', () => resolveMove(), { once: true });
      });
      return this.read();
    }
    const here = this.ideal();
    this.from = here;
    this.to = target;
    this.moveStart = this.now();
    const seconds = this.instant ? 0 : Math.abs(target - here) / this.velocity;
    this.moveEnd = this.moveStart + seconds * 1000;
    if (seconds > 0) {
      await new Promise<void>((resolveMove) => {
        if (signal?.aborted) {
          this.stop();
          return resolveMove();
        }
        const onAbort = () => {
          clearTimeout(timer);
          this.stop();
          resolveMove();
        };
        // The listener goes when the move ends, so a long scan does not pile one up per point.
        const timer = setTimeout(() => {
          signal?.removeEventListener('abort', onAbort);
          resolveMove();
        }, seconds * 1000);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    }
    return this.read();
  }

  /** Puts the motor at a position without a move (another process moved it; see Instrument.syncPositions). */
  setPosition(position: number): void {
    this.from = position;
    this.to = position;
    this.moveEnd = 0;
  }

  stop(): void {
    const here = this.ideal();
    this.from = here;
    this.to = here;
    this.moveEnd = 0;
  }

  position(): MotorPosition {
    return { name: this.name, position: this.read(), setpoint: this.to, moving: this.moving };
  }

  info(): MotorInfo {
    return {
      kind: 'motor',
      name: this.name,
      units: this.units,
      limits: [...this.limits],
      velocity: this.velocity,
      position: this.read(),
      setpoint: this.to,
      moving: this.moving,
      labels: [...this.labels],
    };
  }
}
