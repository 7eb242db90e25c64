// Where each point of a regular grid scan goes in its 2-D map (n_slow rows × n_fast columns). Shared by the
// file writer (the map in plotselect/) and the History panel (the same map drawn from the stored columns).
// No Node or DOM imports.

/** Row and column of point r in a (n_slow, n_fast) map; snake scans run odd rows backwards. */
export function mapCell(r: number, shape: readonly [number, number], snake: boolean): [number, number] {
  const row = Math.floor(r / shape[1]);
  const col = r % shape[1];
  return [row, snake && row % 2 === 1 ? shape[1] - 1 - col : col];
}

/** Maps larger than this many cells are not drawn as an image by the History (they stay a curve, with a note). */
export const MAX_HISTORY_MAP_CELLS = 1_000_000;

export interface GridMap {
  /** Slow motor (rows, y) and fast motor (columns, x). */
  slow: string;
  fast: string;
  rows: number;
  cols: number;
  /** Row-major values; NaN where no point was measured. */
  data: Float64Array;
}

/** The map of a 2-motor grid scan from its plan arguments and one value per point, or undefined for other scans. */
export function gridMap(planName: string, planArgs: Record<string, unknown>, values: readonly number[]): GridMap | undefined {
  if (!/grid_scan$/.test(planName)) return undefined;
  const axes = planArgs.axes as { motor?: unknown; points?: unknown }[] | undefined;
  if (!Array.isArray(axes) || axes.length !== 2) return undefined;
  const [slow, fast] = axes as [{ motor?: unknown; points?: unknown }, { motor?: unknown; points?: unknown }];
  const rows = Number(slow.points);
  const cols = Number(fast.points);
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 1 || cols < 1 || rows * cols > MAX_HISTORY_MAP_CELLS) return undefined;
  const data = new Float64Array(rows * cols).fill(NaN);
  const n = Math.min(values.length, rows * cols);
  for (let i = 0; i < n; i++) {
    const [r, c] = mapCell(i, [rows, cols], planArgs.snake === true);
    data[r * cols + c] = values[i]!;
  }
  return { slow: String(slow.motor), fast: String(fast.motor), rows, cols, data };
}

/** One axis of a grid in motor positions: the first set point at `start`, the last at `stop`. */
export interface GridAxisRange {
  motor: string;
  start: number;
  stop: number;
}

/**
 * The slow (rows) and fast (columns) axes of a 2-motor grid scan, for the ticks of its map. A relative grid's
 * plan arguments are offsets from where the motors were, so they are shifted by the first stored position of
 * each motor (its column) to show absolute positions, as the live map does.
 */
export function gridAxes(planName: string, planArgs: Record<string, unknown>, columns: Readonly<Record<string, readonly number[]>>): [GridAxisRange, GridAxisRange] | undefined {
  if (!/grid_scan$/.test(planName)) return undefined;
  const axes = planArgs.axes as { motor?: unknown; start?: unknown; stop?: unknown }[] | undefined;
  if (!Array.isArray(axes) || axes.length !== 2) return undefined;
  const rel = planName.startsWith('rel_');
  const range = (a: { motor?: unknown; start?: unknown; stop?: unknown }): GridAxisRange | undefined => {
    const motor = String(a.motor);
    const start = Number(a.start);
    const stop = Number(a.stop);
    if (!Number.isFinite(start) || !Number.isFinite(stop)) return undefined;
    const first = columns[motor]?.[0];
    const off = rel && first !== undefined && Number.isFinite(first) ? first - start : 0;
    return { motor, start: start + off, stop: stop + off };
  };
  const slow = range(axes[0]!);
  const fast = range(axes[1]!);
  return slow && fast ? [slow, fast] : undefined;
}
