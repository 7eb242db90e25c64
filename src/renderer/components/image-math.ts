// Per-frame arithmetic of the image tools, kept apart from the React views so it can be tested directly: the
// value range, painting through a colormap (linear or log), the histogram under the contrast tool, and line,
// row and column profiles. Each is one pass over the frame with no per-pixel allocation.
export type Pixels = ArrayLike<number>;

/** [min, max] of the finite values ([0, 1] for an empty frame). */
export function minMax(data: Pixels): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return Number.isFinite(lo) ? [lo, hi] : [0, 1];
}

/** The smallest value above zero (undefined when none): the floor of a log colour scale. */
export function minPositive(data: Pixels): number | undefined {
  let lo = Infinity;
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (v > 0 && v < lo) lo = v;
  }
  return Number.isFinite(lo) ? lo : undefined;
}

/** The contrast window a log scale can use: the low end moved above zero. */
export function logWindow(lo: number, hi: number, data: Pixels): [number, number] {
  if (lo > 0 && hi > lo) return [lo, hi];
  const floor = minPositive(data) ?? 1;
  const top = hi > floor ? hi : floor * 10;
  return [Math.min(floor, top / 10), top];
}

/** Writes RGBA pixels for `data` into `out` with the given contrast window, linear or log. */
export function paint(data: Pixels, out: Uint8ClampedArray, lo: number, hi: number, table: Uint8Array, log = false): void {
  // 256 equal bins over [lo, hi] (over [log lo, log hi] for a log scale); hi itself falls into the last one.
  const a = log ? Math.log(lo) : lo;
  const b = log ? Math.log(hi) : hi;
  const scale = b > a ? 256 / (b - a) : 0;
  for (let i = 0, j = 0; i < data.length; i++, j += 4) {
    const v = data[i]!;
    let k = log ? (v > 0 ? ((Math.log(v) - a) * scale) | 0 : 0) : ((v - a) * scale) | 0;
    if (k < 0) k = 0;
    else if (k > 255) k = 255;
    const t = k * 3;
    out[j] = table[t]!;
    out[j + 1] = table[t + 1]!;
    out[j + 2] = table[t + 2]!;
    out[j + 3] = 255;
  }
}

/** Counts of the values in `bins` equal bins over [lo, hi] (values outside are left out). */
export function histogram(data: Pixels, lo: number, hi: number, bins = 128): Uint32Array {
  const counts = new Uint32Array(bins);
  const scale = hi > lo ? bins / (hi - lo) : 0;
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (!(v >= lo && v <= hi)) continue;
    let k = ((v - lo) * scale) | 0;
    if (k >= bins) k = bins - 1;
    counts[k]!++;
  }
  return counts;
}

/**
 * Values along the segment from (x0, y0) to (x1, y1), one sample per pixel step (nearest pixel), with the
 * distance from the start in pixels. Samples outside the image are NaN.
 */
export function lineProfile(data: Pixels, width: number, height: number, x0: number, y0: number, x1: number, y1: number): { d: number[]; v: number[] } {
  const n = Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0));
  const steps = Math.max(1, Math.round(n));
  const len = Math.hypot(x1 - x0, y1 - y0);
  const d: number[] = [];
  const v: number[] = [];
  for (let i = 0; i <= steps; i++) {
    const f = i / steps;
    const x = Math.round(x0 + (x1 - x0) * f);
    const y = Math.round(y0 + (y1 - y0) * f);
    d.push(len * f);
    v.push(x >= 0 && y >= 0 && x < width && y < height ? data[y * width + x]! : NaN);
  }
  return { d, v };
}

/** Row `y` (values along x) and column `x` (values along y) of the image. */
export function crossProfiles(data: Pixels, width: number, height: number, x: number, y: number): { row: number[]; column: number[] } {
  const row: number[] = [];
  const column: number[] = [];
  if (y >= 0 && y < height) for (let i = 0; i < width; i++) row.push(data[y * width + i]!);
  if (x >= 0 && x < width) for (let j = 0; j < height; j++) column.push(data[j * width + x]!);
  return { row, column };
}
