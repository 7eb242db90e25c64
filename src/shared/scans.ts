// What a scan request looks like at every boundary (UI form, WebSocket, IPC, CLI, scripts), and what a scan
// reports. "steps"/"points" always means the number of points, start and stop included: 5 points from -1 to 1
// are -1, -0.5, 0, 0.5, 1.
import { z } from 'zod';
import { Finite, Name } from './names.ts';
import { userRecord } from './user-data.ts';

/** The most points one scan may have (grid products included): about 10 million rows of scalars. */
export const MAX_POINTS = 10_000_000;
export const MAX_EXP_TIME = 3600;

const Points = z.number().int('points must be a whole number').min(1, 'a scan needs at least 1 point').max(MAX_POINTS, `at most ${MAX_POINTS} points`);

const Common = {
  /** Integration time per point in seconds (0 = as fast as possible). */
  expTime: z.number().min(0, 'exp_time must be ≥ 0').max(MAX_EXP_TIME, `exp_time must be ≤ ${MAX_EXP_TIME} s`).default(0),
  /** Detectors to record; default: every 0-D detector. */
  detectors: z.array(Name).max(64).optional(),
  /**
   * User metadata: nested objects; "key@units" and "@NX_class" keys follow the BLISS conventions. At most 64 kB
   * of JSON, 32 levels deep, no "__proto__"/"constructor"/"prototype" keys (see src/shared/user-data.ts).
   */
  md: userRecord()
    .refine((md) => Object.keys(md).every((k) => k.length <= 128), 'a md key has at most 128 characters')
    .optional(),
  /** Seed of the simulated instrument's noise; default: a fresh one (recorded in the start document). */
  seed: z.number().int().min(0).max(0xffffffff).optional(),
};

const Axis = z.object({ motor: Name, start: Finite, stop: Finite });

export const ScanRequest = z.discriminatedUnion('type', [
  z.object({ type: z.literal('count'), points: Points, ...Common }).strict(),
  z
    .object({
      type: z.literal('timescan'),
      /** Stop after this many points; default: run until stopped. */
      points: Points.optional(),
      ...Common,
    })
    .strict(),
  z.object({ type: z.literal('line'), motor: Name, start: Finite, stop: Finite, points: Points, relative: z.boolean().default(false), ...Common }).strict(),
  z
    .object({
      type: z.literal('multi'),
      axes: z.array(Axis).min(1, 'give at least one motor').max(16),
      points: Points,
      relative: z.boolean().default(false),
      ...Common,
    })
    .strict(),
  z
    .object({
      type: z.literal('grid'),
      axes: z.array(Axis.extend({ points: Points })).min(2, 'a grid needs at least two motors').max(8),
      /** Alternate the direction of the faster axes on every row (back-and-forth). */
      snake: z.boolean().default(false),
      relative: z.boolean().default(false),
      ...Common,
    })
    .strict(),
  z
    .object({
      type: z.literal('list'),
      motors: z.array(Name).min(1).max(16),
      /** One row per point, one value per motor. */
      positions: z.array(z.array(Finite)).min(1, 'give at least one position').max(MAX_POINTS),
      relative: z.boolean().default(false),
      ...Common,
    })
    .strict(),
]);

export type ScanRequest = z.input<typeof ScanRequest>;
export type ParsedScanRequest = z.output<typeof ScanRequest>;

export type ScanStatus = 'success' | 'abort' | 'fail';

/** What the scientist gets back when a scan ends (BEC's ScanReport). */
export interface ScanReport {
  status: ScanStatus;
  uid: string;
  scanNumber: number;
  planName: string;
  numPoints: number;
  /** UTC epoch seconds. */
  startTime: number;
  endTime: number;
  /** Seconds. */
  elapsed: number;
  /** Data file and NXentry of the scan; empty when nothing was saved. */
  file: string;
  entry: string;
  /** Why the scan stopped when it did not succeed. */
  reason: string;
}

export type EngineState = 'idle' | 'running' | 'paused';

export interface ScanState {
  state: EngineState;
  uid: string | null;
  scanNumber: number | null;
  planName: string | null;
  done: number;
  /** null for a timescan that runs until stopped. */
  total: number | null;
  elapsed: number;
  /** Seconds still to go, estimated from the pace so far; null when unknown. */
  eta: number | null;
}

export interface ScanPreview {
  motors: string[];
  numPoints: number;
  /** First positions (up to 10,000), one row per point. */
  positions: number[][];
  truncated: boolean;
  title: string;
}

/** The request that runs a stored scan again, from its plan_name and plan_args (History panel: Re-run). */
export function requestFromPlan(planName: string, args: Record<string, unknown>): ScanRequest | undefined {
  const a = args;
  const relative = planName.startsWith('rel_');
  const expTime = typeof a.exp_time === 'number' ? a.exp_time : 0;
  let candidate: unknown;
  switch (planName.replace(/^rel_/, '')) {
    case 'count':
      candidate = { type: 'count', points: a.num, expTime };
      break;
    case 'timescan':
      candidate = { type: 'timescan', ...(typeof a.num === 'number' ? { points: a.num } : {}), expTime };
      break;
    case 'line_scan':
      candidate = { type: 'line', motor: a.motor, start: a.start, stop: a.stop, points: a.points, relative, expTime };
      break;
    case 'multi_scan':
      candidate = { type: 'multi', axes: a.axes, points: a.points, relative, expTime };
      break;
    case 'grid_scan':
      candidate = { type: 'grid', axes: a.axes, snake: a.snake, relative, expTime };
      break;
    case 'list_scan':
      candidate = { type: 'list', motors: a.motors, positions: a.positions, relative, expTime };
      break;
    default:
      return undefined;
  }
  // Only what still validates is offered (an old file may hold arguments this version reads differently).
  return ScanRequest.safeParse(candidate).success ? (candidate as ScanRequest) : undefined;
}
