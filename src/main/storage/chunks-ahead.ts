// Chunks compressed ahead of HDF5: as soon as a batch of frames reaches the writer thread, its frames are
// compressed elsewhere (Node's thread pool for gzip, the compressor thread for the plugin codecs) while this thread
// writes the batch before (HDF5 itself compresses chunk by chunk, in one thread). When HDF5 then asks the filter
// for a chunk, the swapped encoder (filter-table.ts) takes the result whose input is byte for byte that chunk,
// under the same filter and options; a chunk that was not compressed ahead (a partial chunk, 0-D columns) is
// compressed in the call.

/**
 * Compresses rows (one chunk each); a row it could not do is undefined and is compressed in the call instead.
 * `release`, if given, is called once every result was used or dropped (the outputs' memory can be reused).
 */
export type RowCompressor = (rows: Buffer[]) => Promise<{ outs: (Uint8Array | undefined)[]; release?: () => void }>;

/** What a result is for: the filter id and its cd_values, as the filter receives them. */
export function aheadKey(filter: number, cd: readonly number[]): string {
  return `${filter}:${cd.join(',')}`;
}

interface Result {
  raw: Buffer;
  out: Uint8Array;
  key: string;
  batch: number;
  /** The results of one compress call still unused; its release is called when none is left. */
  group: { left: number; release?: () => void };
}

/** One result of its group used (its bytes copied already) or dropped. */
function done(r: Result): void {
  if (--r.group.left === 0 && r.group.release) queueMicrotask(r.group.release);
}

export class ChunksAhead {
  /** Finished results by fingerprint (several identical frames share one). */
  private readonly done = new Map<string, Result[]>();
  private pending = 0;
  /** Chunks the filters asked for since the thread started: found compressed ahead, or compressed in the call. */
  readonly counts = { ahead: 0, inCall: 0 };

  /** Starts compressing each row of `values` (one chunk each) of batch number `batch`; resolves when all are done. */
  start(values: ArrayBufferView, rows: number, key: string, batch: number, compress: RowCompressor): Promise<void> {
    const rowBytes = values.byteLength / rows;
    const raws: Buffer[] = [];
    for (let r = 0; r < rows; r++) raws.push(Buffer.from(values.buffer, values.byteOffset + r * rowBytes, rowBytes));
    this.pending += rows;
    return compress(raws).then(
      ({ outs, release }) => {
        this.pending -= rows;
        const group = { left: outs.filter(Boolean).length, release };
        if (group.left === 0) release?.();
        raws.forEach((raw, r) => {
          const out = outs[r];
          if (!out) return;
          const f = fingerprint(raw);
          const result = { raw, out, key, batch, group };
          const list = this.done.get(f);
          if (list) list.push(result);
          else this.done.set(f, [result]);
        });
      },
      () => {
        this.pending -= rows; // the filter compresses these chunks itself
      },
    );
  }

  /**
   * The compressed bytes of exactly this chunk under this key, if they were made ahead (each result is used once).
   * They stay valid until the current task ends: the caller copies them at once.
   */
  take(bytes: ArrayBufferView, key: string): Uint8Array | undefined {
    const chunk = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const f = fingerprint(chunk);
    const list = this.done.get(f);
    const i = list ? list.findIndex((e) => e.key === key && e.raw.equals(chunk)) : -1;
    if (i === -1) {
      this.counts.inCall += 1;
      return undefined;
    }
    const [hit] = list!.splice(i, 1);
    if (list!.length === 0) this.done.delete(f);
    this.counts.ahead += 1;
    done(hit!); // released in a microtask: after the synchronous copy of these bytes
    return hit!.out;
  }

  /**
   * Drops results never asked for: all of them (a failed write, the end of a file), or those of batches before
   * `batch` (HDF5 compresses a chunk when it leaves its chunk cache, at the latest a batch or a flush later).
   */
  clear(batch = Infinity): void {
    for (const [f, list] of this.done) {
      const kept = list.filter((e) => e.batch >= batch);
      for (const e of list) if (e.batch < batch) done(e);
      if (kept.length === 0) this.done.delete(f);
      else if (kept.length !== list.length) this.done.set(f, kept);
    }
  }

  /** Results waiting to be used, and rows still being compressed (for tests). */
  get size(): { done: number; running: number } {
    let done = 0;
    for (const l of this.done.values()) done += l.length;
    return { done, running: this.pending };
  }
}

/** The length and eight words spread over the bytes: enough to tell frames apart before comparing them whole. */
function fingerprint(b: Uint8Array): string {
  const n = b.byteLength;
  let key = String(n);
  if (n < 8) return key + ':' + Array.from(b).join(',');
  const view = new DataView(b.buffer, b.byteOffset, n);
  for (let k = 0; k < 8; k++) key += ':' + view.getUint32(Math.floor(((n - 4) * k) / 7), true);
  return key;
}
