// Plans: what a scan does, as a generator of messages the run engine executes (bluesky's design). A plan also
// says, before anything moves, which motors it drives, how many points it has and the extent of every motor,
// so the engine can refuse a scan that would leave a motor's limits.
//
// Adding a plan: build a Plan with definePlan({...}); the body is a generator yielding
//   {type:'checkpoint'}                     a safe place to pause / stop (before each point)
//   {type:'move', targets:{samx: 1.5}}      move motors (in parallel) and wait
//   {type:'read'}                           integrate exp_time, read every detector and motor: one event
import type { GridShape } from '../../shared/documents.ts';
import type { ParsedScanRequest, ScanPreview } from '../../shared/scans.ts';
import { MAX_POINTS } from '../../shared/scans.ts';
import { DaqError } from '../../shared/errors.ts';

export type PlanMessage = { type: 'checkpoint' } | { type: 'move'; targets: Record<string, number> } | { type: 'read' };

export interface Plan {
  /** plan_name in the start document: count, timescan, line_scan, multi_scan, grid_scan, list_scan. */
  name: string;
  args: Record<string, unknown>;
  /** The command as typed, e.g. "line_scan samx -1 1 5 0.1". */
  title: string;
  /** Scanned motors, in axis order. */
  motors: string[];
  /** null: runs until stopped. */
  numPoints: number | null;
  /** Relative plans return their motors to where they started. */
  relative: boolean;
  /** [min, max] of every scanned motor's absolute target. */
  extent: Record<string, [number, number]>;
  /** Absolute positions of point i (motors order). */
  positionAt(i: number): number[];
  /** A regular grid (grid and snake grid scans): its shape and set points, so files can show it as a map. */
  grid?: GridShape;
  body(): Generator<PlanMessage, void, void>;
}

export function definePlan(p: Omit<Plan, 'body'> & { body?: () => Generator<PlanMessage, void, void> }): Plan {
  const plan: Plan = {
    ...p,
    body:
      p.body ??
      function* () {
        const n = p.numPoints ?? Infinity;
        for (let i = 0; i < n; i++) {
          yield { type: 'checkpoint' };
          if (p.motors.length > 0) {
            const pos = plan.positionAt(i);
            const targets: Record<string, number> = {};
            p.motors.forEach((m, k) => (targets[m] = pos[k]!));
            yield { type: 'move', targets };
          }
          yield { type: 'read' };
        }
      },
  };
  return plan;
}

/** n points from start to stop, both included. */
export function linspace(start: number, stop: number, n: number): number[] {
  if (n === 1) return [start];
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = i === n - 1 ? stop : start + ((stop - start) * i) / (n - 1);
  return out;
}

/** Grid index → per-axis indices; the first axis is the slowest. Snake reverses each faster axis on odd passes. */
export function gridIndices(i: number, sizes: number[], snake: boolean): number[] {
  const idx = new Array<number>(sizes.length);
  let rest = i;
  for (let k = sizes.length - 1; k >= 0; k--) {
    idx[k] = rest % sizes[k]!;
    rest = Math.floor(rest / sizes[k]!);
  }
  if (snake) {
    // Axis k runs backwards when the combined index of the slower axes is odd.
    let outer = 0;
    for (let k = 0; k < sizes.length; k++) {
      if (k > 0 && outer % 2 === 1) idx[k] = sizes[k]! - 1 - idx[k]!;
      outer = outer * sizes[k]! + idx[k]!;
    }
  }
  return idx;
}

const fmt = (v: number) => String(Number(v.toPrecision(12)));

function extentOf(values: number[]): [number, number] {
  return [Math.min(...values), Math.max(...values)];
}

/** One motor from start to stop in equal steps (SPEC ascan / dscan). */
function linePlan(req: Extract<ParsedScanRequest, { type: 'line' }>, here: (motor: string) => number): Plan {
  const t = req.expTime;
  const off = req.relative ? here(req.motor) : 0;
  const xs = linspace(req.start + off, req.stop + off, req.points);
  const name = req.relative ? 'rel_line_scan' : 'line_scan';
  return definePlan({
    name,
    args: { motor: req.motor, start: req.start, stop: req.stop, points: req.points, exp_time: t, relative: req.relative },
    title: `${name} ${req.motor} ${fmt(req.start)} ${fmt(req.stop)} ${req.points} ${fmt(t)}`,
    motors: [req.motor],
    numPoints: req.points,
    relative: req.relative,
    extent: { [req.motor]: extentOf([xs[0]!, xs[xs.length - 1]!]) },
    positionAt: (i) => [xs[i]!],
  });
}

/** Several motors together, each from its start to its stop, in the same number of steps (a2scan…). */
function multiPlan(req: Extract<ParsedScanRequest, { type: 'multi' }>, here: (motor: string) => number): Plan {
  const t = req.expTime;
  const motors = req.axes.map((a) => a.motor);
  if (new Set(motors).size !== motors.length) throw new DaqError('BAD_ARGUMENTS', `multi scan: each motor may appear once (got ${motors.join(', ')}).`);
  const cols = req.axes.map((a) => {
    const off = req.relative ? here(a.motor) : 0;
    return linspace(a.start + off, a.stop + off, req.points);
  });
  const extent: Record<string, [number, number]> = {};
  motors.forEach((m, k) => (extent[m] = extentOf([cols[k]![0]!, cols[k]![req.points - 1]!])));
  const name = req.relative ? 'rel_multi_scan' : 'multi_scan';
  return definePlan({
    name,
    args: { axes: req.axes, points: req.points, exp_time: t, relative: req.relative },
    title: `${name} ${req.axes.map((a) => `${a.motor} ${fmt(a.start)} ${fmt(a.stop)}`).join(' ')} ${req.points} ${fmt(t)}`,
    motors,
    numPoints: req.points,
    relative: req.relative,
    extent,
    positionAt: (i) => cols.map((c) => c[i]!),
  });
}

/** A regular grid over several motors, slowest first, optionally snaking (mesh). */
function gridPlan(req: Extract<ParsedScanRequest, { type: 'grid' }>, here: (motor: string) => number): Plan {
  const t = req.expTime;
  const motors = req.axes.map((a) => a.motor);
  if (new Set(motors).size !== motors.length) throw new DaqError('BAD_ARGUMENTS', `grid scan: each motor may appear once (got ${motors.join(', ')}).`);
  const sizes = req.axes.map((a) => a.points);
  const total = sizes.reduce((a, b) => a * b, 1);
  if (total > MAX_POINTS) throw new DaqError('BAD_ARGUMENTS', `grid scan: ${sizes.join(' × ')} = ${total} points is more than the ${MAX_POINTS} a scan may have.`);
  const cols = req.axes.map((a) => {
    const off = req.relative ? here(a.motor) : 0;
    return linspace(a.start + off, a.stop + off, a.points);
  });
  const extent: Record<string, [number, number]> = {};
  motors.forEach((m, k) => (extent[m] = extentOf([cols[k]![0]!, cols[k]![sizes[k]! - 1]!])));
  const name = req.relative ? 'rel_grid_scan' : 'grid_scan';
  return definePlan({
    name,
    args: { axes: req.axes, snake: req.snake, exp_time: t, relative: req.relative },
    title: `${name} ${req.axes.map((a) => `${a.motor} ${fmt(a.start)} ${fmt(a.stop)} ${a.points}`).join(' ')} ${fmt(t)}${req.snake ? ' snake' : ''}`,
    motors,
    numPoints: total,
    relative: req.relative,
    extent,
    positionAt: (i) => gridIndices(i, sizes, req.snake).map((j, k) => cols[k]![j]!),
    grid: { motors, shape: sizes, setpoints: cols, snake: req.snake },
  });
}

/** Explicit positions, one row per point. */
function listPlan(req: Extract<ParsedScanRequest, { type: 'list' }>, here: (motor: string) => number): Plan {
  const t = req.expTime;
  const motors = req.motors;
  if (new Set(motors).size !== motors.length) throw new DaqError('BAD_ARGUMENTS', `list scan: each motor may appear once (got ${motors.join(', ')}).`);
  req.positions.forEach((row, i) => {
    if (row.length !== motors.length) throw new DaqError('BAD_ARGUMENTS', `list scan: position ${i + 1} has ${row.length} value(s) for ${motors.length} motor(s) (${motors.join(', ')}).`);
  });
  const offs = motors.map((m) => (req.relative ? here(m) : 0));
  const rows = req.positions.map((row) => row.map((v, k) => v + offs[k]!));
  const extent: Record<string, [number, number]> = {};
  motors.forEach((m, k) => {
    let lo = Infinity;
    let hi = -Infinity;
    for (const r of rows) {
      lo = Math.min(lo, r[k]!);
      hi = Math.max(hi, r[k]!);
    }
    extent[m] = [lo, hi];
  });
  const name = req.relative ? 'rel_list_scan' : 'list_scan';
  return definePlan({
    name,
    args: { motors, positions: req.positions, exp_time: t, relative: req.relative },
    title: `${name} ${motors.join(' ')} ${rows.length} ${fmt(t)}`,
    motors,
    numPoints: rows.length,
    relative: req.relative,
    extent,
    positionAt: (i) => rows[i]!,
  });
}

/** Builds the plan of a validated request. `here` gives current motor positions, for relative scans. */
export function buildPlan(req: ParsedScanRequest, here: (motor: string) => number): Plan {
  const t = req.expTime;
  switch (req.type) {
    case 'count':
      return definePlan({ name: 'count', args: { num: req.points, exp_time: t }, title: `count ${req.points} ${fmt(t)}`, motors: [], numPoints: req.points, relative: false, extent: {}, positionAt: () => [] });
    case 'timescan':
      return definePlan({ name: 'timescan', args: { num: req.points ?? null, exp_time: t }, title: `timescan ${fmt(t)}${req.points ? ' ' + req.points : ''}`, motors: [], numPoints: req.points ?? null, relative: false, extent: {}, positionAt: () => [] });
    case 'line':
      return linePlan(req, here);
    case 'multi':
      return multiPlan(req, here);
    case 'grid':
      return gridPlan(req, here);
    case 'list':
      return listPlan(req, here);
  }
}

/** The first positions of a plan, for the scan form's preview. */
export function previewPlan(plan: Plan, max = 10_000): ScanPreview {
  const n = plan.numPoints ?? 0;
  const shown = Math.min(n, max);
  const positions: number[][] = [];
  for (let i = 0; i < shown; i++) positions.push(plan.positionAt(i));
  return { motors: plan.motors, numPoints: n, positions, truncated: n > shown, title: plan.title };
}
