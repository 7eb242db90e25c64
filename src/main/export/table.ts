// The table both exports write: one row per recorded point, whatever detectors the scan had. Columns are the
// scanned motors, then the detectors in the scan's order: a 0-D detector as itself, a spectrum or camera as the
// sum of each frame ("<name>_sum"), so a scan with only array detectors, or none, still has a row per point.
import type { ScanRow } from '../../shared/history.ts';
import { gridIndices, linspace } from '../acquisition/plans.ts';
import { readExportColumns } from '../catalog/stored-scan.ts';

export interface Column {
  label: string;
  units: string;
  values: number[];
}

export interface ScanTable {
  points: number;
  /** UTC epoch seconds per point (may be shorter than `points` for a scan being written). */
  epoch: number[];
  motors: Column[];
  /** In the scan's detector order (the first detector is the one plotted by default). */
  detectors: Column[];
  /** Count time per point, seconds: the plan's exp_time, else the file's. */
  expTime: number | null;
}

export async function readScanTable(row: ScanRow): Promise<ScanTable> {
  const data = await readExportColumns(row);
  const motors = row.motors.filter((m) => m in data.columns).map((m) => ({ label: m, units: data.units[m] ?? '', values: data.columns[m]! }));
  const detectors: Column[] = [];
  for (const d of row.detectors) {
    if (d in data.columns) detectors.push({ label: d, units: data.units[d] ?? '', values: data.columns[d]! });
    else if (d in data.sums) detectors.push({ label: `${d}_sum`, units: data.units[d] ?? '', values: data.sums[d]! });
  }
  const planTime = row.planArgs.exp_time;
  const expTime = typeof planTime === 'number' && Number.isFinite(planTime) ? planTime : data.expTime;
  return { points: data.points, epoch: data.epoch, motors, detectors, expTime };
}

/** A 2-motor grid as SPEC's mesh: the command for #S and the motors' set points, fast motor first. */
export interface Mesh {
  command: string;
  /** [fast, slow]: PyMca finds the grid from runs of equal values in the second column. */
  setpoints: Column[];
}

interface GridAxis {
  motor: string;
  start: number;
  stop: number;
  points: number;
}

function isAxis(a: unknown): a is GridAxis {
  const o = a as Partial<GridAxis> | null;
  return !!o && typeof o.motor === 'string' && [o.start, o.stop, o.points].every((v) => typeof v === 'number' && Number.isFinite(v)) && Number.isInteger(o.points) && o.points! >= 1;
}

const fmt = (v: number) => String(Number(v.toPrecision(12)));

/**
 * SPEC's `mesh fast s e intervals slow s e intervals time` (`dmesh` when relative) for a grid of two motors.
 * The set points are recomputed from the plan's arguments (relative grids from the positions at the start):
 * the measured positions carry encoder noise, so their slow column would never repeat exactly.
 */
export function meshOf(row: ScanRow, startPositions: Record<string, number>, points: number, expTime: number | null): Mesh | undefined {
  if (row.planName !== 'grid_scan' && row.planName !== 'rel_grid_scan') return undefined;
  const axes = row.planArgs.axes;
  if (!Array.isArray(axes) || axes.length !== 2 || !axes.every(isAxis)) return undefined;
  const relative = row.planArgs.relative === true;
  const snake = row.planArgs.snake === true;
  const offsets = axes.map((a) => (relative ? (startPositions[a.motor] ?? Number.NaN) : 0));
  const grids = axes.map((a, k) => linspace(a.start + offsets[k]!, a.stop + offsets[k]!, a.points));
  const sizes = axes.map((a) => a.points);
  const [slow, fast] = [0, 1].map((k) => ({ label: `${axes[k]!.motor}_setpoint`, units: '', values: [] as number[] })) as [Column, Column];
  for (let i = 0; i < points; i++) {
    const [js, jf] = gridIndices(i, sizes, snake) as [number, number];
    slow.values.push(grids[0]![js]!);
    fast.values.push(grids[1]![jf]!);
  }
  const part = (a: GridAxis) => `${a.motor} ${fmt(a.start)} ${fmt(a.stop)} ${a.points - 1}`;
  const command = `${relative ? 'dmesh' : 'mesh'} ${part(axes[1]!)} ${part(axes[0]!)} ${fmt(expTime ?? 0)}`;
  return { command, setpoints: [fast, slow] };
}
