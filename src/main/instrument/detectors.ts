// Simulated detectors. Each reads the motors it depends on and the scan's random source, so a seed reproduces
// every value. exp_time scales counts like an integration time; the wait itself is the engine's job.
//   det        SPEC's Gaussian peak: scale*(0.95+noise*rand)/exp(((x-center)/width)^2) over one motor
//   diode1     a Gaussian over samy with counting (Poisson) noise
//   spectrum1  1-D, peaks whose channel moves with a motor, Poisson noise
//   eiger1     2-D uint16 camera, a spot that follows samx/samy, Poisson noise
//   monitor    a monitor/timer counter proportional to exp_time
import type { DetectorInfo } from '../../shared/api.ts';
import { CameraDetector } from './camera-detector.ts';
import type { DetectorConfig } from './config.ts';
import { base, effectiveTime, num, type AcquireContext, type Detector } from './detector-base.ts';
import { Rng } from './rng.ts';

export type { AcquireContext, Detector, DetectorValue } from './detector-base.ts';
export { CameraDetector } from './camera-detector.ts';

/** SPEC's simulated peak. Parameters not given are drawn from the documented ranges with the config rng. */
export class GaussianDetector implements Detector {
  readonly name: string;
  readonly motors: string[];
  center: number;
  width: number;
  noise: number;
  scale: number;
  private readonly cfg: DetectorConfig;

  constructor(name: string, cfg: DetectorConfig, rng: Rng) {
    this.name = name;
    this.cfg = cfg;
    this.motors = [cfg.motor ?? 'samx'];
    this.center = num(cfg, 'center', () => rng.uniform(-0.5, 0.5), -1e6, 1e6, name);
    this.width = num(cfg, 'width', () => rng.uniform(0.01, 0.21), 1e-9, 1e6, name);
    this.noise = num(cfg, 'noise', () => 0.05, 0, 10, name);
    this.scale = num(cfg, 'scale', () => 1e5, 0, 1e15, name);
  }

  info(): DetectorInfo {
    return base(this.name, this.cfg, 0, [], 'float64', { motor: this.motors[0]!, center: this.center, width: this.width, noise: this.noise, scale: this.scale });
  }

  tunable(): Record<string, [number, number]> {
    return { center: [-1e6, 1e6], width: [1e-9, 1e6], noise: [0, 10], scale: [0, 1e15] };
  }

  tune(key: string, value: number): void {
    if (key === 'center') this.center = value;
    else if (key === 'width') this.width = value;
    else if (key === 'noise') this.noise = value;
    else if (key === 'scale') this.scale = value;
  }

  acquire(ctx: AcquireContext): number {
    const x = ctx.position(this.motors[0]!);
    return (this.scale * (0.95 + this.noise * ctx.rng.random())) / Math.exp(((x - this.center) / this.width) ** 2);
  }
}

export class DiodeDetector implements Detector {
  readonly name: string;
  readonly motors: string[];
  private center: number;
  private width: number;
  private rate: number;
  private background: number;
  private readonly cfg: DetectorConfig;

  constructor(name: string, cfg: DetectorConfig, rng: Rng) {
    this.name = name;
    this.cfg = cfg;
    this.motors = [cfg.motor ?? 'samy'];
    this.center = num(cfg, 'center', () => rng.uniform(-1, 1), -1e6, 1e6, name);
    this.width = num(cfg, 'width', () => rng.uniform(0.5, 2), 1e-9, 1e6, name);
    this.rate = num(cfg, 'rate', () => 5e4, 0, 1e12, name);
    this.background = num(cfg, 'background', () => 20, 0, 1e12, name);
  }

  info(): DetectorInfo {
    return base(this.name, this.cfg, 0, [], 'float64', { motor: this.motors[0]!, center: this.center, width: this.width, rate: this.rate, background: this.background });
  }

  tunable(): Record<string, [number, number]> {
    return { center: [-1e6, 1e6], width: [1e-9, 1e6], rate: [0, 1e12], background: [0, 1e12] };
  }

  tune(key: string, value: number): void {
    if (key === 'center') this.center = value;
    else if (key === 'width') this.width = value;
    else if (key === 'rate') this.rate = value;
    else if (key === 'background') this.background = value;
  }

  acquire(ctx: AcquireContext): number {
    const y = ctx.position(this.motors[0]!);
    const mean = (this.background + this.rate * Math.exp(-(((y - this.center) / this.width) ** 2))) * effectiveTime(ctx.expTime);
    return ctx.rng.poisson(mean);
  }
}

export class SpectrumDetector implements Detector {
  readonly name: string;
  readonly motors: string[];
  readonly channels: number;
  private readonly cfg: DetectorConfig;
  private readonly peaks: { channel: number; height: number; width: number }[];

  constructor(name: string, cfg: DetectorConfig, rng: Rng) {
    this.name = name;
    this.cfg = cfg;
    this.motors = [cfg.motor ?? 'ttheta'];
    this.channels = Math.round(num(cfg, 'channels', () => 1024, 8, 65536, name));
    this.peaks = [0.2, 0.45, 0.7].map((f) => ({ channel: f * this.channels, height: rng.uniform(200, 1000), width: rng.uniform(0.005, 0.015) * this.channels }));
  }

  info(): DetectorInfo {
    return base(this.name, this.cfg, 1, [this.channels], 'float64', { motor: this.motors[0]!, channels: this.channels });
  }

  tunable(): Record<string, [number, number]> {
    return {};
  }

  tune(): void {
    // Nothing to tune: channels sets the shape of the data.
  }

  acquire(ctx: AcquireContext): Float64Array {
    // Peaks move by 2 channels per unit of the motor.
    const shift = 2 * ctx.position(this.motors[0]!);
    const t = effectiveTime(ctx.expTime) * 10;
    const out = new Float64Array(this.channels);
    for (let i = 0; i < this.channels; i++) {
      let mean = 5;
      for (const p of this.peaks) mean += p.height * Math.exp(-(((i - p.channel - shift) / p.width) ** 2));
      out[i] = ctx.rng.poisson(mean * t);
    }
    return out;
  }
}

export class MonitorDetector implements Detector {
  readonly name: string;
  readonly motors: string[] = [];
  private rate: number;
  private readonly cfg: DetectorConfig;

  constructor(name: string, cfg: DetectorConfig) {
    this.name = name;
    this.cfg = cfg;
    this.rate = num(cfg, 'rate', () => 1e5, 0, 1e12, name);
  }

  info(): DetectorInfo {
    return base(this.name, this.cfg, 0, [], 'float64', { rate: this.rate });
  }

  tunable(): Record<string, [number, number]> {
    return { rate: [0, 1e12] };
  }

  tune(key: string, value: number): void {
    if (key === 'rate') this.rate = value;
  }

  acquire(ctx: AcquireContext): number {
    return ctx.rng.poisson(this.rate * effectiveTime(ctx.expTime));
  }
}

export function createDetector(name: string, cfg: DetectorConfig, rng: Rng): Detector {
  switch (cfg.type) {
    case 'gaussian':
      return new GaussianDetector(name, cfg, rng);
    case 'diode':
      return new DiodeDetector(name, cfg, rng);
    case 'spectrum':
      return new SpectrumDetector(name, cfg, rng);
    case 'camera':
      return new CameraDetector(name, cfg);
    case 'monitor':
      return new MonitorDetector(name, cfg);
  }
}
