// Simulated detectors. Each reads the motors it depends on and the scan's random source, so a seed reproduces
// every value. exp_time scales counts like an integration time; the wait itself is the engine's job.
//   det        SPEC's Gaussian peak: scale*(0.95+noise*rand)/exp(((x-center)/width)^2) over one motor
//   diode1     a Gaussian over samy with counting (Poisson) noise
//   spectrum1  1-D, peaks whose channel moves with a motor, Poisson noise
//   eiger1     2-D uint16 camera, a spot that follows samx/samy, Poisson noise
//   monitor    a monitor/timer counter proportional to exp_time
import type { DetectorInfo } from '../../shared/api.ts';
import { DaqError } from '../../shared/errors.ts';
import type { DetectorConfig } from './config.ts';
import { Rng } from './rng.ts';

export interface AcquireContext {
  /** Current readback of a motor. */
  position(motor: string): number;
  /** Integration time in seconds (0 = as fast as possible). */
  expTime: number;
  rng: Rng;
  /** A frame-sized array to fill instead of allocating a new frame (2-D detectors): the caller owns it and no one
   * else references it any more (the Viewer's grab reuses frames the saver has copied, see acquisition/viewer.ts). */
  into?: Uint16Array;
}

export type DetectorValue = number | Float64Array | Uint16Array;

export interface Detector {
  readonly name: string;
  info(): DetectorInfo;
  acquire(ctx: AcquireContext): DetectorValue;
  /** The motors this detector's signal depends on (they must exist). */
  readonly motors: string[];
  /** The settings a user may change while the app runs, with their allowed ranges (the config's ranges). Settings
   * that change the shape of the data (channels, width, height) or the followed motor are not among them: a
   * running writer's datasets and a scan's descriptor depend on them. */
  tunable(): Record<string, [number, number]>;
  /** Sets one tunable setting; the caller has checked the key and the range. */
  tune(key: string, value: number): void;
}

/** exp_time 0 still counts something: treat it as 0.1 s of counting so values stay comparable. */
const effectiveTime = (t: number) => (t > 0 ? t : 0.1);

function num(cfg: DetectorConfig, key: string, fallback: () => number, lo: number, hi: number, name: string): number {
  const v = cfg[key];
  if (v === undefined) return fallback();
  if (typeof v !== 'number' || !Number.isFinite(v) || v < lo || v > hi) {
    throw new DaqError('CONFIG_ERROR', `detector ${name}: ${key} must be a number in [${lo}, ${hi}], got ${JSON.stringify(v)}.`);
  }
  return v;
}

function base(name: string, cfg: DetectorConfig, ndim: 0 | 1 | 2, shape: number[], dtype: string, settings: Record<string, number | string | boolean>): DetectorInfo {
  return { kind: 'detector', name, ndim, shape, dtype, units: cfg.units, labels: ['detector'], settings: { type: cfg.type, ...settings } };
}

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

/**
 * Normal deviates drawn once from a fixed seed; each frame reads them from an offset drawn from the scan's
 * random source, so noise costs one multiply-add per pixel and a seed still reproduces every frame.
 */
const NOISE_BITS = 18;
let noiseTable: Float32Array | undefined;
function normalTable(): Float32Array {
  if (!noiseTable) {
    const rng = new Rng(0x5eed);
    noiseTable = new Float32Array(1 << NOISE_BITS);
    for (let i = 0; i < noiseTable.length; i++) noiseTable[i] = rng.normal();
  }
  return noiseTable;
}

/** Where the spot adds fewer counts than this, a pixel gets the background alone: adding it would change the
 * rounded count with a probability of about that many counts (one pixel in a thousand at the edge, far fewer
 * beyond), far below the Poisson noise. */
const SPOT_CUTOFF = 1e-3;

export class CameraDetector implements Detector {
  readonly name: string;
  readonly motors = ['samx', 'samy'];
  readonly width: number;
  readonly height: number;
  private readonly cfg: DetectorConfig;
  private spotSigma: number;
  private spotPeak: number;
  private background: number;
  private flat: { bg: number; counts: Uint16Array } | undefined;
  private gx: Float64Array | undefined;
  private gy: Float64Array | undefined;

  constructor(name: string, cfg: DetectorConfig) {
    this.name = name;
    this.cfg = cfg;
    this.width = Math.round(num(cfg, 'width', () => 512, 1, 8192, name));
    this.height = Math.round(num(cfg, 'height', () => 512, 1, 8192, name));
    this.spotSigma = num(cfg, 'spotSigma', () => Math.max(2, this.width / 48), 0.1, 1e5, name);
    this.spotPeak = num(cfg, 'spotPeak', () => 3000, 0, 60000, name);
    this.background = num(cfg, 'background', () => 20, 0, 60000, name);
  }

  info(): DetectorInfo {
    return base(this.name, this.cfg, 2, [this.height, this.width], 'uint16', { width: this.width, height: this.height, spotSigma: this.spotSigma, spotPeak: this.spotPeak, background: this.background });
  }

  tunable(): Record<string, [number, number]> {
    return { spotSigma: [0.1, 1e5], spotPeak: [0, 60000], background: [0, 60000] };
  }

  tune(key: string, value: number): void {
    if (key === 'spotSigma') this.spotSigma = value;
    else if (key === 'spotPeak') this.spotPeak = value;
    else if (key === 'background') this.background = value;
  }

  acquire(ctx: AcquireContext): Uint16Array {
    const w = this.width;
    const h = this.height;
    // samx/samy over [-10, 10] mm map to the full frame.
    const cx = ((ctx.position('samx') + 10) / 20) * (w - 1);
    const cy = ((ctx.position('samy') + 10) / 20) * (h - 1);
    const t = effectiveTime(ctx.expTime) * 10;
    const inv = 1 / (2 * this.spotSigma * this.spotSigma);
    // Separable spot: exp(-(dx²+dy²)/2σ²) = gx[x]·gy[y].
    // Kept between frames (acquire is synchronous and the shape fixed): one less allocation per frame.
    const gx = (this.gx ??= new Float64Array(w));
    const gy = (this.gy ??= new Float64Array(h));
    for (let x = 0; x < w; x++) gx[x] = Math.exp(-((x - cx) ** 2) * inv);
    for (let y = 0; y < h; y++) gy[y] = this.spotPeak * t * Math.exp(-((y - cy) ** 2) * inv);
    const bg = this.background * t;
    const table = normalTable();
    const mask = table.length - 1;
    const k0 = ctx.rng.uint32() & mask;
    // Pixel i reads the noise table at (k0 + i) & mask. Where the spot adds nothing, its count depends only on the
    // background and that entry, so the background frame is the precomputed counts copied from offset k0.
    const flat = this.flatCounts(bg);
    const out = ctx.into?.length === w * h ? ctx.into : new Uint16Array(w * h);
    for (let i = 0, k = k0; i < out.length; k = 0) {
      const n = Math.min(out.length - i, flat.length - k);
      out.set(flat.subarray(k, k + n), i);
      i += n;
    }
    // The spot, only where it adds at least SPOT_CUTOFF counts: per row, the columns within `reach` of its centre.
    for (let y = 0; y < h; y++) {
      const row = gy[y]!;
      if (!(row >= SPOT_CUTOFF)) continue;
      const reach = Math.sqrt(Math.log(row / SPOT_CUTOFF) / inv);
      const x1 = Math.min(w - 1, Math.floor(cx + reach));
      for (let x = Math.max(0, Math.ceil(cx - reach)), i = y * w + x; x <= x1; x++, i++) {
        const mean = bg + row * gx[x]!;
        // Poisson noise by its normal approximation: mean + sqrt(mean)·N(0,1).
        const v = mean + Math.sqrt(mean) * table[(k0 + i) & mask]!;
        out[i] = v <= 0 ? 0 : v >= 65535 ? 65535 : v + 0.5;
      }
    }
    return out;
  }

  /** The background's counts for every entry of the noise table, computed once per background level (it changes
   * only with the exposure or a tuned background), so a frame's flat part is one copy instead of a square root
   * and a rounding per pixel. */
  private flatCounts(bg: number): Uint16Array {
    if (this.flat?.bg === bg) return this.flat.counts;
    const table = normalTable();
    const counts = new Uint16Array(table.length);
    const s = Math.sqrt(bg);
    for (let k = 0; k < table.length; k++) {
      const v = bg + s * table[k]!;
      counts[k] = v <= 0 ? 0 : v >= 65535 ? 65535 : v + 0.5;
    }
    this.flat = { bg, counts };
    return counts;
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
