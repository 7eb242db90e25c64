// What the history (catalog) answers: rows for the table and the search it takes.
import { z } from 'zod';
import type { StartDoc } from './documents.ts';
import { Name } from './names.ts';
import { forbiddenKeyMessage, notForbidden } from './user-data.ts';

export interface ScanRow {
  uid: string;
  scanNumber: number;
  planName: string;
  title: string;
  status: 'running' | 'finished';
  exitStatus: 'success' | 'abort' | 'fail' | null;
  reason: string;
  startTime: number;
  endTime: number | null;
  numPoints: number | null;
  file: string;
  entry: string;
  motors: string[];
  detectors: string[];
  sample: string;
  md: Record<string, unknown>;
  /** Seed of the simulated noise (reproduces every number), when known. */
  seed: number | null;
  /** The plan's arguments (to run it again). */
  planArgs: Record<string, unknown>;
}

const Time = z.union([z.number().finite(), z.string().max(64)]);

export const HistoryQuery = z
  .object({
    /** Inclusive; epoch seconds or an ISO 8601 date/time. */
    since: Time,
    /** Exclusive. */
    until: Time,
    plan: z.string().max(64),
    motor: Name,
    detector: Name,
    status: z.enum(['success', 'abort', 'fail', 'running']),
    sample: z.string().max(256),
    /** Free text in the title or the comment (case-insensitive substring). */
    text: z.string().max(256),
    /** Metadata: dotted key → value, e.g. {"sample.name": "Si"}. */
    md: z
      .unknown()
      // Before the record: a record parse drops a "__proto__" key silently; the user should hear why.
      .superRefine((v, ctx) => {
        if (!v || typeof v !== 'object') return;
        // Each filter is one SQL condition: SQLite refuses a query deeper than 1,000 terms.
        if (Object.keys(v).length > 32) ctx.addIssue({ code: 'custom', message: 'at most 32 metadata filters in one search' });
        const bad = Object.keys(v).find((k) => !k.split(/[.@]/).every(notForbidden));
        if (bad !== undefined) ctx.addIssue({ code: 'custom', message: forbiddenKeyMessage(bad) });
      })
      .pipe(z.record(z.string().max(128).regex(/^[A-Za-z_][A-Za-z0-9_.@]*$/), z.union([z.string().max(256), z.number(), z.boolean()]))),
    limit: z.number().int().min(1).max(10_000),
    offset: z.number().int().min(0),
    sort: z.enum(['scanNumber', 'startTime', 'planName', 'numPoints', 'duration', 'sample']),
    order: z.enum(['asc', 'desc']),
  })
  .partial()
  .strict();
export type HistoryQuery = z.infer<typeof HistoryQuery>;

export interface HistoryPage {
  rows: ScanRow[];
  total: number;
}

export interface RebuildReport {
  files: number;
  scans: number;
  /** Catalog rows whose files are gone or moved: kept, and listed here. */
  missing: { uid: string; scanNumber: number; file: string }[];
  /** Files that could not be read, with why. */
  unreadable: { file: string; problem: string }[];
  seconds: number;
}

/** What only the file keeps of a start document (the catalog row has the rest). */
export type StartDocFileFields = Pick<StartDoc, 'num_points' | 'positioners_start' | 'positioner_units' | 'app_version' | 'instrument_config'> & { exp_time: number | null };

/**
 * A stored scan's start document, from its catalog row and, when read, the fields only its file keeps (without
 * them those are empty and the point count is the recorded one). Used by scripts (StoredScan.metadata) and by
 * the Scan panel when it shows the last scan again after a reload.
 */
export function startDocOfRow(row: ScanRow, fromFile?: StartDocFileFields): StartDoc {
  const md = { ...row.md };
  delete md._end; // the catalog keeps END metadata here; it belongs to the stop document
  const planned = row.planArgs.exp_time ?? row.planArgs.expTime;
  return {
    uid: row.uid,
    time: row.startTime,
    scan_number: row.scanNumber,
    plan_name: row.planName,
    plan_args: row.planArgs,
    detectors: row.detectors,
    motors: row.motors,
    num_points: fromFile ? fromFile.num_points : row.numPoints,
    title: row.title,
    seed: row.seed ?? 0,
    md,
    positioners_start: fromFile?.positioners_start ?? {},
    positioner_units: fromFile?.positioner_units ?? {},
    app_version: fromFile?.app_version ?? '',
    instrument_config: fromFile?.instrument_config ?? '',
    exp_time: fromFile?.exp_time ?? (typeof planned === 'number' ? planned : 0),
  };
}
