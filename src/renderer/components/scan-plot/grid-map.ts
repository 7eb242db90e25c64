// A 2-motor grid scan's channel on its map, with the plan's axes for the ticks.
import type { StartDoc } from '../../../shared/documents.ts';
import { gridMap as pointsOnGrid } from '../../../shared/grid-map.ts';

export interface GridAxis {
  motor: string;
  start: number;
  stop: number;
  points: number;
}

/**
 * A 2-motor grid's channel values on its map (shared/grid-map.ts: point order, snake rows put back), with the
 * plan's axes for the ticks. Cells not measured yet are drawn at the minimum so the colour scale stays the data's.
 */
export function gridMap(start: StartDoc | undefined, columns: Record<string, number[]>, values: ArrayLike<number>): { data: Float64Array; w: number; h: number; rows: GridAxis; cols: GridAxis; offsets: [number, number] } | undefined {
  if (!start || start.motors.length !== 2) return undefined;
  const map = pointsOnGrid(start.plan_name, start.plan_args, Array.from(values));
  if (!map) return undefined;
  const [a, b] = start.plan_args.axes as [GridAxis, GridAxis];
  // Relative grids are offset from where the motors were: the axes show absolute positions.
  const rel = start.plan_name.startsWith('rel_');
  const m0 = columns[start.motors[0]!];
  const m1 = columns[start.motors[1]!];
  const off0 = rel && m0?.length ? m0[0]! - a.start : 0;
  const off1 = rel && m1?.length ? m1[0]! - b.start : 0;
  let min = Infinity;
  for (const v of map.data) if (v < min) min = v;
  for (let i = 0; i < map.data.length; i++) if (Number.isNaN(map.data[i]!)) map.data[i] = Number.isFinite(min) ? min : 0;
  return { data: map.data, w: map.cols, h: map.rows, rows: a, cols: b, offsets: [off0, off1] };
}
