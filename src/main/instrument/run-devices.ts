// The device protocol the run engine sees (bluesky's describe/read/set/stop): the motors and detectors of one
// run, described as data keys, read as one point, moved and stopped. The simulator's physics stay behind it —
// the run's seeded random sources (one for the detectors' noise, one of its own for the motors' encoder noise,
// so a seed reproduces every number), true positions for the detectors, noisy readbacks for the records.
import type { DataKey, EventValue } from '../../shared/documents.ts';
import type { Detector } from './detectors.ts';
import type { Instrument } from './instrument.ts';
import type { SimMotor } from './motor.ts';
import { newSeed, Rng } from './rng.ts';

export type Configuration = Record<string, number | string | boolean>;

/** What a descriptor says of a set of devices: a data key and the settings of each. */
export interface Description {
  dataKeys: Record<string, DataKey>;
  configuration: Record<string, Configuration>;
}

/** A detector's data key and settings at an exposure (the scan's descriptor and continuous saving's use this). */
export function describeDetector(d: Detector, expTime: number): { key: DataKey; configuration: Configuration } {
  const info = d.info();
  return {
    key: { dtype: info.ndim === 0 ? 'number' : 'array', shape: info.shape, source: `sim:detector:${d.name}`, units: info.units, dtype_numpy: info.dtype, object_name: d.name },
    configuration: { ...info.settings, exp_time: expTime },
  };
}

/** A motor's data key and settings. */
export function describeMotor(m: SimMotor): { key: DataKey; configuration: Configuration } {
  return {
    key: { dtype: 'number', shape: [], source: `sim:motor:${m.name}`, units: m.units, object_name: m.name },
    configuration: { units: m.units, velocity: m.velocity, low_limit: m.limits[0], high_limit: m.limits[1] },
  };
}

/**
 * A move that must finish within twice its expected time plus a margin; a motor that does not answer fails the
 * scan with its name (the engine then aborts, which stops every motor).
 */
function watchMove(motor: SimMotor, target: number, signal: AbortSignal, marginS: number, fail: (why: string) => void): Promise<number> {
  const limit = motor.expectedSeconds(target) * 2 + marginS;
  let timer: NodeJS.Timeout | undefined;
  const watchdog = new Promise<number>((resolveWatch) => {
    timer = setTimeout(() => {
      fail(`Motor ${motor.name} stopped answering: its move to ${target} ${motor.units} did not finish within ${limit.toFixed(1)} s. The scan was aborted and the motors stopped; check the motor, then move it by hand.`);
      resolveWatch(Number.NaN);
    }, limit * 1000);
  });
  return Promise.race([motor.move(target, signal), watchdog]).finally(() => clearTimeout(timer));
}

export class RunDevices {
  /** The run's seed (given, or drawn): it goes into the start document. */
  readonly seed: number;
  private readonly instrument: Instrument;
  private readonly motors: SimMotor[];
  private readonly detectors: Detector[];
  private readonly expTime: number;
  private readonly rng: Rng;
  private readonly readbackRng: Rng;

  constructor(instrument: Instrument, opts: { motors: string[]; detectors: Detector[]; expTime: number; seed?: number }) {
    this.instrument = instrument;
    this.motors = opts.motors.map((m) => instrument.motor(m));
    this.detectors = opts.detectors;
    this.expTime = opts.expTime;
    this.seed = opts.seed ?? newSeed();
    this.rng = new Rng(this.seed);
    // Encoder noise of recorded readbacks comes from the scan's seed too, from a stream of its own.
    this.readbackRng = new Rng(this.seed ^ 0x9e3779b9);
  }

  /** Data keys and settings of the scanned motors, then the detectors. */
  describe(): Description {
    const out: Description = { dataKeys: {}, configuration: {} };
    for (const [name, d] of [...this.motors.map((m) => [m.name, describeMotor(m)] as const), ...this.detectors.map((d) => [d.name, describeDetector(d, this.expTime)] as const)]) {
      out.dataKeys[name] = d.key;
      out.configuration[name] = d.configuration;
    }
    return out;
  }

  /** Readbacks of these motors (the baseline at start and end), their noise from the run's readback stream. */
  positions(names: string[]): Record<string, number> {
    const out: Record<string, number> = {};
    for (const n of names) out[n] = this.instrument.motor(n).readWith(this.readbackRng.normal());
    return out;
  }

  /** One point: the scanned motors' readbacks, then every detector's value at the motors' true positions. */
  read(): Record<string, EventValue> {
    const data: Record<string, EventValue> = {};
    for (const m of this.motors) data[m.name] = m.readWith(this.readbackRng.normal());
    // Detectors respond to where the motors really are; the recorded motor values are noisy readbacks.
    const ctx = { position: (m: string) => this.instrument.motor(m).truePosition(), expTime: this.expTime, rng: this.rng };
    for (const d of this.detectors) data[d.name] = d.acquire(ctx);
    return data;
  }

  /** The scanned motors' setpoints now (where a relative scan returns to). */
  setpoints(): Record<string, number> {
    return Object.fromEntries(this.motors.map((m) => [m.name, m.setpoint]));
  }

  /** Moves motors (all at once) and resolves when every one has arrived. */
  async set(targets: Record<string, number>): Promise<void> {
    await Promise.all(Object.entries(targets).map(([m, p]) => this.instrument.motor(m).move(p)));
  }

  /**
   * Moves motors for a point, each watched: a motor that does not arrive within twice its expected time plus the
   * config's margin calls `fail` with its name. An abort (`signal`) interrupts the moves.
   */
  async move(targets: Record<string, number>, signal: AbortSignal, fail: (why: string) => void): Promise<void> {
    const margin = this.instrument.config.settings.moveTimeout;
    await Promise.all(Object.entries(targets).map(([m, target]) => watchMove(this.instrument.motor(m), target, signal, margin, fail)));
  }

  /** Stops the scanned motors where they are. */
  stop(): void {
    for (const m of this.motors) m.stop();
  }
}
