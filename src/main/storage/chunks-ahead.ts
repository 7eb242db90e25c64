// Chunks compressed ahead of HDF5. As soon as a batch of frames reaches the writer thread, its frames are
// compressed elsewhere (Node's thread pool for gzip, the compressor thread for the plugin codecs) while this thread
// writes the batch before. When the batch's turn comes, each frame compressed ahead is not handed to HDF5 at all:
// HDF5 gets a *tagged* chunk instead, a reused buffer whose first 16 bytes say which result it stands for, and the
// swapped encoder (filter-table.ts) returns that result when HDF5 filters the chunk. So the writer thread neither
// copies the frame into WebAssembly memory nor compresses it; HDF5 only copies a buffer that stays in the CPU's
// cache. A frame that was not compressed ahead is written as it is, and compressed in the call.
import { randomBytes } from 'node:crypto';

/**
 * Compresses rows (one chunk each); a row it could not do is undefined and is compressed in the call instead.
 * `release`, if given, is called once every result was used or dropped (the outputs' memory can be reused).
 */
export type RowCompressor = (rows: Buffer[]) => Promise<{ outs: (Uint8Array | undefined)[]; release?: () => void }>;

/** What a result is for: the filter id and its cd_values, as the filter receives them. */
export function aheadKey(filter: number, cd: readonly number[]): string {
  return `${filter}:${cd.join(',')}`;
}

/** The size of a tag: 8 bytes of this thread's random marker, then the tag's number. */
export const TAG_BYTES = 16;

interface Group {
  /** Results of one compress call not used yet; `release` is called when none is left. */
  left: number;
  release?: () => void;
}

interface Tagged {
  out: Uint8Array;
  key: string;
  group: Group;
}

/** One result of its group used (its bytes already copied) or dropped. */
function done(group: Group): void {
  if (--group.left === 0 && group.release) queueMicrotask(group.release);
}

export class ChunksAhead {
  /** Random per thread: a chunk of real data starts with these 8 bytes with a chance of 2⁻⁶⁴. */
  private readonly marker = randomBytes(8);
  /** Finished results per slot (a batch's channel), until the batch is written. */
  private readonly ready = new Map<string, { outs: (Uint8Array | undefined)[]; key: string; group: Group }>();
  /** Results handed to HDF5 as tagged chunks, until HDF5 filters them. */
  private readonly tagged = new Map<number, Tagged>();
  private nextTag = 1;
  private running = 0;
  /** Frames of planned channels since the thread started: written tagged (compressed ahead), or as they were. */
  readonly counts = { ahead: 0, inCall: 0 };

  /** Starts compressing each row of `values` (one chunk each) for `slot`; resolves when all are done. */
  start(slot: string, values: ArrayBufferView, rows: number, key: string, compress: RowCompressor): Promise<void> {
    const rowBytes = values.byteLength / rows;
    const raws: Buffer[] = [];
    for (let r = 0; r < rows; r++) raws.push(Buffer.from(values.buffer, values.byteOffset + r * rowBytes, rowBytes));
    this.running += rows;
    return compress(raws).then(
      ({ outs, release }) => {
        this.running -= rows;
        const group: Group = { left: outs.filter(Boolean).length, release };
        if (group.left === 0) release?.();
        this.ready.set(slot, { outs, key, group });
      },
      () => {
        this.running -= rows; // the filter compresses these chunks itself
      },
    );
  }

  /**
   * The tagged chunk to write for row `row` of `slot` instead of the frame, written into `into` (one chunk's
   * bytes; only its first TAG_BYTES change), or false when that row was not compressed ahead.
   */
  tagRow(slot: string, row: number, into: Uint8Array): boolean {
    const r = this.ready.get(slot);
    const out = r?.outs[row];
    if (!r || !out || into.byteLength < TAG_BYTES) {
      this.counts.inCall += 1;
      return false;
    }
    r.outs[row] = undefined;
    this.counts.ahead += 1;
    const tag = this.nextTag++;
    this.tagged.set(tag, { out, key: r.key, group: r.group });
    into.set(this.marker, 0);
    new DataView(into.buffer, into.byteOffset, TAG_BYTES).setFloat64(8, tag, true);
    return true;
  }

  /**
   * For the swapped encoder: the result a tagged chunk stands for; undefined for a chunk of real data (the
   * filter compresses it); an empty array for a tag whose result is gone, which must fail the write rather than
   * store the tag's buffer. Valid until the current task ends: the caller copies it at once.
   */
  take(chunk: Uint8Array, key: string): Uint8Array | undefined {
    if (chunk.byteLength < TAG_BYTES || !this.marker.equals(chunk.subarray(0, 8))) return undefined;
    const tag = new DataView(chunk.buffer, chunk.byteOffset, TAG_BYTES).getFloat64(8, true);
    const hit = this.tagged.get(tag);
    if (!hit || hit.key !== key) return new Uint8Array(0);
    this.tagged.delete(tag);
    done(hit.group); // released in a microtask: after the synchronous copy of these bytes
    return hit.out;
  }

  /** Drops a written batch's results that were not used (rows HDF5 got as they were). */
  written(slot: string): void {
    const r = this.ready.get(slot);
    if (!r) return;
    this.ready.delete(slot);
    for (const out of r.outs) if (out) done(r.group);
  }

  /**
   * Drops everything: at the end of a file (once it is closed, HDF5 has filtered every tagged chunk) and after a
   * failed write (results not written yet). Tagged results are kept while the file is open unless `tagged`.
   */
  clear(tagged: boolean): void {
    for (const slot of [...this.ready.keys()]) this.written(slot);
    if (!tagged) return;
    for (const t of this.tagged.values()) done(t.group);
    this.tagged.clear();
  }

  /** Results waiting to be written, tagged chunks HDF5 has not filtered yet, rows being compressed (for tests). */
  get size(): { ready: number; tagged: number; running: number } {
    let ready = 0;
    for (const r of this.ready.values()) ready += r.outs.filter(Boolean).length;
    return { ready, tagged: this.tagged.size, running: this.running };
  }
}
