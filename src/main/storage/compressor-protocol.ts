// The messages between the writer thread (compressor-thread.ts) and its compressor thread (compressor-worker.ts).

/**
 * Compress `rows` equal rows of `data` (one chunk each) with plugin filter `filter` and these cd_values. `data`
 * is usually a view of the batch's shared frame buffer, which the compressor only reads.
 */
export interface CompressRequest {
  id: number;
  filter: number;
  cd: number[];
  rows: number;
  data: Uint8Array;
  /** Where the outputs go, one after the other (shared memory the writer thread reads them from). */
  out: Uint8Array;
}

/**
 * One result per row: the filter's output (a view of the request's `out`, or its own buffer when it did not fit
 * there), or null where the filter failed (the writer then compresses that row itself).
 */
export interface CompressReply {
  id: number;
  outs: (Uint8Array | null)[];
  error?: string;
}
