// What the live views receive while a scan runs.
import type { DataKey, StartDoc } from './documents.ts';

export interface ScanStarted {
  start: StartDoc;
  dataKeys: Record<string, DataKey>;
}

/** A batch of points, columnar: every scalar of every point, plus the newest array of each array detector. */
export interface LiveBatch {
  uid: string;
  seq: number[];
  time: number[];
  columns: Record<string, number[]>;
  latest: Record<string, number | number[] | Float64Array | Uint16Array | Uint32Array | Float32Array>;
}
