// Peak statistics of a 1-D scan, computed the way bluesky's PeakStats callback does, so numbers on our live plot
// match what a bluesky or BEC user reads: the points sorted by x; min and max (with their x); the centre of mass
// of y above its minimum, mapped from point index to x by linear interpolation; the x where y crosses half way
// between min and max (linear interpolation between neighbours); cen = mean of those crossings; FWHM = distance
// between the first and the last crossing (needs two).
export interface PeakStats {
  /** x and y of the largest y. */
  max: [number, number];
  /** x and y of the smallest y. */
  min: [number, number];
  /** Centre of mass of (y − min y) along x; undefined when y is flat. */
  com: number | undefined;
  /** Mean of the half-maximum crossings; undefined without a crossing. */
  cen: number | undefined;
  /** |last crossing − first crossing|; undefined with fewer than two crossings. */
  fwhm: number | undefined;
  /** Every x where y crosses (max + min) / 2. */
  crossings: number[];
}

/** Linear interpolation of xs at fractional index f (clamped to the ends). */
function atIndex(xs: number[], f: number): number {
  if (f <= 0) return xs[0]!;
  if (f >= xs.length - 1) return xs[xs.length - 1]!;
  const i = Math.floor(f);
  return xs[i]! + (xs[i + 1]! - xs[i]!) * (f - i);
}

/** Statistics of y against x; points with a non-finite x or y are left out. Undefined with no usable point. */
export function peakStats(x: ArrayLike<number>, y: ArrayLike<number>): PeakStats | undefined {
  const pts: [number, number][] = [];
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) if (Number.isFinite(x[i]!) && Number.isFinite(y[i]!)) pts.push([x[i]!, y[i]!]);
  if (pts.length === 0) return undefined;
  // A stable sort by x: a scan run from high to low, or a snake, gives the same statistics as a forward one.
  pts.sort((a, b) => a[0] - b[0]);
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  let iMin = 0;
  let iMax = 0;
  for (let i = 1; i < ys.length; i++) {
    if (ys[i]! < ys[iMin]!) iMin = i;
    if (ys[i]! > ys[iMax]!) iMax = i;
  }
  const lo = ys[iMin]!;
  const hi = ys[iMax]!;
  let w = 0;
  let wi = 0;
  for (let i = 0; i < ys.length; i++) {
    w += ys[i]! - lo;
    wi += i * (ys[i]! - lo);
  }
  const com = w > 0 ? atIndex(xs, wi / w) : undefined;
  const mid = (hi + lo) / 2;
  const crossings: number[] = [];
  for (let i = 0; i + 1 < ys.length; i++) {
    const a = ys[i]! > mid;
    const b = ys[i + 1]! > mid;
    if (a === b) continue;
    const dx = xs[i + 1]! - xs[i]!;
    const dy = ys[i + 1]! - ys[i]!;
    crossings.push(dx === 0 || dy === 0 ? xs[i]! : xs[i]! + ((mid - ys[i]!) / dy) * dx);
  }
  const cen = crossings.length ? crossings.reduce((s, v) => s + v, 0) / crossings.length : undefined;
  const fwhm = crossings.length >= 2 ? Math.abs(crossings[crossings.length - 1]! - crossings[0]!) : undefined;
  return { max: [xs[iMax]!, hi], min: [xs[iMin]!, lo], com, cen, fwhm, crossings };
}
