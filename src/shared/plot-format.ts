// Number formatting and axis ranges for plots, shared by every line plot and image axis: tick labels a person
// can read (no "4.00796633566805600000E-29"), "nice" tick positions, the planned x range of a scan from its start
// document, and the CSV a plot exports. Pure functions, no DOM.

/** A tick label: as many significant digits as the tick step needs, exponent form for very small or large. */
export function formatTick(value: number, step: number): string {
  if (!Number.isFinite(value)) return '';
  const s = Math.abs(step) > 0 && Number.isFinite(step) ? Math.abs(step) : Math.abs(value) || 1;
  // Snap values that are a rounding error away from zero (e.g. 2.7e-17 between -0.1 and 0.1).
  if (Math.abs(value) < s * 1e-9) return '0';
  const a = Math.abs(value);
  if (a >= 1e5 || a < 1e-3) {
    // Enough mantissa digits to tell neighbouring ticks apart, at most 6.
    const digits = Math.min(6, Math.max(1, Math.ceil(Math.log10(a / s) + 1e-9) + 1));
    return value.toExponential(Math.max(0, digits - 1)).replace(/\.?0+e/, 'e');
  }
  const decimals = Math.min(10, Math.max(0, -Math.floor(Math.log10(s) + 1e-9)));
  return value.toFixed(decimals);
}

/** A readout value: 6 significant digits, exponent form for very small or large. */
export function formatValue(v: number | undefined): string {
  if (v === undefined || !Number.isFinite(v)) return '—';
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e6 || a < 1e-3)) return v.toExponential(4).replace(/\.?0+e/, 'e');
  return String(Number(v.toPrecision(6)));
}

/** About `count` ticks at 1, 2 or 5 × 10^n inside [lo, hi], with their step. */
export function niceTicks(lo: number, hi: number, count = 6): { ticks: number[]; step: number } {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return { ticks: [], step: 1 };
  if (hi < lo) [lo, hi] = [hi, lo];
  if (hi === lo) return { ticks: [lo], step: Math.abs(lo) || 1 };
  const raw = (hi - lo) / Math.max(1, count);
  const p = 10 ** Math.floor(Math.log10(raw));
  const f = raw / p;
  const step = (f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10) * p;
  const ticks: number[] = [];
  for (let k = Math.ceil(lo / step - 1e-9); k * step <= hi + step * 1e-9; k++) ticks.push(k * step || 0);
  return { ticks, step };
}

/** [min, max] of the finite values, undefined when there are none. */
export function extent(values: ArrayLike<number>): [number, number] | undefined {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : undefined;
}

/** A y range with room for a flat or single-valued line: ±5 % of the value (or ±1 around zero). */
export function paddedRange(r: [number, number]): [number, number] {
  if (r[1] > r[0]) return r;
  const d = Math.abs(r[0]) * 0.05 || 1;
  return [r[0] - d, r[1] + d];
}

interface PlannedAxis {
  start: number;
  stop: number;
}

/**
 * The x range a scan will cover on its first motor, from the start document's plan_args, so a live plot shows
 * the whole planned range from the first point. For a relative scan the offset is the first point's position
 * minus the planned start (undefined until that point arrives). Undefined for plans without a planned range.
 */
export function plannedXRange(planName: string, planArgs: Record<string, unknown>, firstX: number | undefined): [number, number] | undefined {
  let axis: PlannedAxis | undefined;
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
  if (num(planArgs.start) !== undefined && num(planArgs.stop) !== undefined) axis = { start: planArgs.start as number, stop: planArgs.stop as number };
  else if (Array.isArray(planArgs.axes) && planArgs.axes.length > 0 && !/grid/.test(planName)) {
    const a = planArgs.axes[0] as Record<string, unknown>;
    if (num(a.start) !== undefined && num(a.stop) !== undefined) axis = { start: a.start as number, stop: a.stop as number };
  }
  if (!axis) return undefined;
  let off = 0;
  if (planArgs.relative === true || planName.startsWith('rel_')) {
    if (firstX === undefined || !Number.isFinite(firstX)) return undefined;
    off = firstX - axis.start;
  }
  const lo = Math.min(axis.start, axis.stop) + off;
  const hi = Math.max(axis.start, axis.stop) + off;
  return hi > lo ? [lo, hi] : undefined;
}

/** One CSV cell: quoted when it holds a separator, a quote or a line break. */
function cell(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * The CSV of a plot: one x column and one column per series when the series share their x values, else an
 * x/y column pair per series. Numbers keep full precision; a missing value is an empty cell.
 */
export function seriesToCsv(series: { label: string; x: ArrayLike<number>; y: ArrayLike<number> }[], xLabel = 'x'): string {
  if (series.length === 0) return `${cell(xLabel)}\n`;
  const sameX = series.every((s) => s.x === series[0]!.x || (s.x.length === series[0]!.x.length && Array.prototype.every.call(s.x, (v: number, i: number) => v === series[0]!.x[i])));
  const rows: string[] = [];
  const n = Math.max(...series.map((s) => Math.min(s.x.length, s.y.length)));
  const num = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? '' : String(v));
  if (sameX) {
    rows.push([xLabel, ...series.map((s) => s.label)].map(cell).join(','));
    for (let i = 0; i < n; i++) rows.push([num(series[0]!.x[i]), ...series.map((s) => num(i < s.y.length ? s.y[i] : undefined))].join(','));
  } else {
    rows.push(series.flatMap((s) => [`${xLabel} (${s.label})`, s.label]).map(cell).join(','));
    for (let i = 0; i < n; i++) rows.push(series.flatMap((s) => (i < Math.min(s.x.length, s.y.length) ? [num(s.x[i]), num(s.y[i])] : ['', ''])).join(','));
  }
  return rows.join('\n') + '\n';
}

/** A matrix (row-major) as CSV: one line per image row. */
export function imageToCsv(data: ArrayLike<number>, width: number, height: number): string {
  const lines: string[] = [];
  for (let y = 0; y < height; y++) {
    const row: string[] = new Array<string>(width);
    for (let x = 0; x < width; x++) row[x] = String(data[y * width + x]);
    lines.push(row.join(','));
  }
  return lines.join('\n') + '\n';
}
