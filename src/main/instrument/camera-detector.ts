// The simulated 2-D camera (eiger1): a Gaussian spot that follows samx/samy over a flat background, Poisson noise.
import type { DetectorInfo } from '../../shared/api.ts';
import type { DetectorConfig } from './config.ts';
import { base, effectiveTime, num, type AcquireContext, type Detector } from './detector-base.ts';
import { Rng } from './rng.ts';

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
