// The simulated instrument: the motors and detectors named by the config, looked up by name. Detector
// parameters not given in the config are drawn once from the instrument seed (the "sample" stays the same
// between scans); motor positions persist in the data dir so a new process finds the motors where they were,
// and a running app picks up a move another process (`daq move`) made, as it would see a real motor move.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { DeviceInfo } from '../../shared/api.ts';
import { DaqError } from '../../shared/errors.ts';
import { writeFileAtomic } from '../atomic-file.ts';
import type { InstrumentConfig } from './config.ts';
import { createDetector, type Detector } from './detectors.ts';
import { SimMotor } from './motor.ts';
import { Rng } from './rng.ts';

export interface InstrumentOptions {
  instantMoves?: boolean;
  /** Seed of the detector parameters drawn at start-up. */
  seed?: number;
  /** Where motor positions persist (positions.json); none: positions start from the config. */
  stateDir?: string;
}

export class Instrument {
  readonly motors = new Map<string, SimMotor>();
  readonly detectors = new Map<string, Detector>();
  readonly config: InstrumentConfig;
  readonly seed: number;
  private readonly positionsFile: string | undefined;
  private saveTimer: NodeJS.Timeout | undefined;
  /** mtime and size of positions.json when this process last read or wrote it. */
  private positionsSeen = '';
  /** The text of positions.json as this process last read or wrote it (with positionsSeen: the file is unchanged). */
  private positionsText: string | undefined;
  /** Motor readback noise comes from its own source so it never shifts a scan's numbers. */
  private readonly readbackRng: Rng;

  constructor(config: InstrumentConfig, opts: InstrumentOptions = {}) {
    this.config = config;
    this.seed = (opts.seed ?? 1) >>> 0;
    const instant = opts.instantMoves ?? config.settings.instantMoves;
    this.readbackRng = new Rng(this.seed ^ 0xa5a5a5a5);
    const noise = () => this.readbackRng.normal();
    this.positionsFile = opts.stateDir ? join(opts.stateDir, 'positions.json') : undefined;
    this.positionsSeen = this.positionsStamp();
    const saved = this.loadPositions();
    for (const [name, cfg] of Object.entries(config.motors)) {
      const start = saved[name];
      const usable = typeof start === 'number' && Number.isFinite(start) && start >= cfg.limits[0] && start <= cfg.limits[1];
      this.motors.set(name, new SimMotor(name, usable ? { ...cfg, position: start } : cfg, instant, noise));
    }
    const paramRng = new Rng(this.seed);
    for (const [name, cfg] of Object.entries(config.detectors)) {
      const det = createDetector(name, cfg, paramRng);
      for (const m of det.motors) {
        if (!this.motors.has(m)) throw new DaqError('CONFIG_ERROR', `detector ${name} follows motor "${m}", which the config does not define.`);
      }
      this.detectors.set(name, det);
    }
  }

  private positionsStamp(): string {
    if (!this.positionsFile) return '';
    try {
      const st = statSync(this.positionsFile);
      return `${st.ino}:${st.mtimeMs}:${st.size}`; // atomic writes rename a new file in: a new inode
    } catch {
      return 'none';
    }
  }

  /**
   * Takes the positions another process wrote since we last looked (call only while no scan runs). Motors that
   * move, and any change of ours not yet written, win over the file.
   */
  syncPositions(): void {
    if (!this.positionsFile || this.saveTimer) return;
    const stamp = this.positionsStamp();
    if (stamp === this.positionsSeen) return;
    this.positionsSeen = stamp;
    const saved = this.loadPositions();
    for (const m of this.motors.values()) {
      const v = saved[m.name];
      if (typeof v === 'number' && Number.isFinite(v) && v >= m.limits[0] && v <= m.limits[1] && !m.moving && v !== m.setpoint) m.setPosition(v);
    }
  }

  private loadPositions(): Record<string, unknown> {
    if (!this.positionsFile || !existsSync(this.positionsFile)) return {};
    try {
      const text = readFileSync(this.positionsFile, 'utf8');
      const v = JSON.parse(text) as unknown;
      this.positionsText = text;
      return v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
    } catch {
      return {}; // a torn or foreign file: start from the config's positions
    }
  }

  /** Persists setpoints soon (coalesced), or now with `now`. */
  savePositions(now = false): void {
    if (!this.positionsFile) return;
    const write = () => {
      this.saveTimer = undefined;
      const p: Record<string, number> = {};
      for (const m of this.motors.values()) p[m.name] = m.setpoint;
      const text = JSON.stringify(p);
      // Nothing moved (a count or time scan) and nobody else wrote the file: it already says this. Skipping the
      // write saves two fsyncs at the end of every such scan (docs/decisions.md, CLI speed).
      if (text === this.positionsText && this.positionsStamp() === this.positionsSeen) return;
      try {
        writeFileAtomic(this.positionsFile!, text);
        this.positionsText = text;
        this.positionsSeen = this.positionsStamp();
      } catch {
        // Positions are a convenience; failing to keep them must not stop an acquisition.
      }
    };
    if (now) {
      if (this.saveTimer) clearTimeout(this.saveTimer);
      write();
    } else {
      this.saveTimer ??= setTimeout(write, 200);
    }
  }

  motor(name: string): SimMotor {
    const m = this.motors.get(name);
    if (!m) {
      const hint = this.detectors.has(name) ? `"${name}" is a detector, not a motor.` : `Known motors: ${[...this.motors.keys()].join(', ')}.`;
      throw new DaqError('UNKNOWN_DEVICE', `No motor named "${name}". ${hint}`);
    }
    return m;
  }

  detector(name: string): Detector {
    const d = this.detectors.get(name);
    if (!d) {
      const hint = this.motors.has(name) ? `"${name}" is a motor, not a detector.` : `Known detectors: ${[...this.detectors.keys()].join(', ')}.`;
      throw new DaqError('UNKNOWN_DEVICE', `No detector named "${name}". ${hint}`);
    }
    return d;
  }

  device(name: string): DeviceInfo {
    const m = this.motors.get(name);
    if (m) return m.info();
    const d = this.detectors.get(name);
    if (d) return d.info();
    throw new DaqError('UNKNOWN_DEVICE', `No device named "${name}". Known devices: ${[...this.motors.keys(), ...this.detectors.keys()].join(', ')}.`);
  }

  list(): DeviceInfo[] {
    return [...[...this.motors.values()].map((m) => m.info()), ...[...this.detectors.values()].map((d) => d.info())];
  }

  /** Names of motors labelled "motor": their positions are recorded at the start and end of every scan. */
  labelledMotors(): string[] {
    return [...this.motors.values()].filter((m) => m.labels.includes('motor')).map((m) => m.name);
  }

  close(): void {
    if (this.saveTimer) this.savePositions(true);
  }
}
