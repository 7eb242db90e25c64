// In the writer thread: which frames of the open file are compressed ahead, and writing them. gzip goes through
// Node's zlib on its thread pool (native-deflate.ts), the plugin codecs through the compressor thread
// (compressor-thread.ts); a filter's encoder is swapped (filter-table.ts) when the first file using it begins, so a
// file without compression pays nothing. A frame compressed ahead reaches HDF5 as a tagged chunk (chunks-ahead.ts).
import type { CompressionLib } from '../../shared/compression.ts';
import { storedAsIs } from './blosc-frame.ts';
import { aheadKey, ChunksAhead } from './chunks-ahead.ts';
import { PLUGIN_FILTER_NAMES, usesPluginFilter } from './codecs.ts';
import { CompressorThread } from './compressor-thread.ts';
import { swapEncoder, type H5Module } from './filter-table.ts';
import { deflateRows, enableNativeDeflate, FILTER_DEFLATE } from './native-deflate.ts';
import { rowsPerChunk, type Channel } from './nexus-layout.ts';
import type { AheadPlan } from './writer-inbox.ts';

/** The parts of an h5wasm dataset used here. */
interface FrameDataset {
  file_id: bigint;
  path: string;
  filters: { id: number; cd_values: number[] }[];
  write_slice(ranges: ([number, number] | [])[], data: ArrayBufferView): void;
}

type Module = H5Module & { _H5open: () => number; set_dataset_data: (...a: unknown[]) => void };

export class FramesAhead {
  readonly chunks = new ChunksAhead();
  private readonly module: () => Module;
  private readonly compressorUrl: URL;
  /** Filters whose encoder was swapped (true) or could not be (false). */
  private readonly swapped = new Map<number, boolean>();
  private compressor: CompressorThread | undefined;
  /** The open file's frames compressed ahead, by channel. */
  private current: AheadPlan | undefined;
  /** One chunk's bytes in WebAssembly memory, reused for every tagged chunk. */
  private tagChunk: { ptr: number; bytes: number } | undefined;

  /** `module`: this thread's h5wasm module (once loaded); `compressorUrl`: the compressor thread's script. */
  constructor(module: () => H5Module & { _H5open: () => number }, compressorUrl: URL) {
    this.module = module as () => Module;
    this.compressorUrl = compressorUrl;
  }

  beginFile(): void {
    this.current = undefined;
  }

  /** gzip through Node's zlib from now on (the file's datasets, 0-D columns included, are created after this). */
  useNativeDeflate(): void {
    this.swap(FILTER_DEFLATE);
  }

  /** After the entry's datasets were created: the frames compressed ahead, each with its dataset's one filter. */
  plan(datasets: Map<string, { data: unknown; channel: Channel }>): AheadPlan | undefined {
    const plan: AheadPlan = new Map();
    for (const [key, d] of datasets) {
      if (rowsPerChunk(d.channel.shape) !== 1) continue;
      const filters = (d.data as FrameDataset).filters;
      if (filters.length !== 1) continue;
      const { id, cd_values: cd } = filters[0]!;
      if (!this.swap(id)) continue;
      plan.set(key, { key: aheadKey(id, cd), compress: id === FILTER_DEFLATE ? deflateRows(cd[0]!) : this.compressorThread().rows(id, cd) });
    }
    this.current = plan.size > 0 ? plan : undefined;
    return this.current;
  }

  planned(channel: string): boolean {
    return this.current?.has(channel) ?? false;
  }

  /**
   * Writes rows `from`… of a frame dataset: each frame compressed ahead as a tagged chunk from the reused buffer
   * (HDF5 copies a buffer in the CPU's cache, and the filter returns the result), the others as they are.
   */
  writeFrames(dataset: unknown, channel: Channel, from: number, n: number, values: ArrayBufferView, slot: string): void {
    const data = dataset as FrameDataset;
    const rowBytes = values.byteLength / n;
    if (this.tagChunk && this.tagChunk.bytes !== rowBytes) this.freeTagChunk();
    const m = this.module();
    this.tagChunk ??= { ptr: m._H5allocate_memory(rowBytes, 1) >>> 0, bytes: rowBytes };
    const tag = this.tagChunk;
    if (tag.ptr === 0) throw new Error(`no memory for a ${rowBytes}-byte chunk`);
    const ones = channel.shape.map(() => 1n);
    const zeros = channel.shape.map(() => 0n);
    const size = channel.shape.map(BigInt);
    const typed = values as unknown as { length: number; subarray(a: number, b: number): ArrayBufferView };
    const len = typed.length / n;
    for (let r = 0; r < n; r++) {
      if (this.chunks.tagRow(slot, r, m.HEAPU8.subarray(tag.ptr, tag.ptr + rowBytes))) {
        m.set_dataset_data(data.file_id, data.path, [1n, ...size], [BigInt(from + r), ...zeros], [1n, ...ones], BigInt(tag.ptr));
      } else {
        data.write_slice([[from + r, from + r + 1], ...channel.shape.map(() => [] as [])], typed.subarray(r * len, (r + 1) * len));
      }
    }
    this.chunks.written(slot);
  }

  /** The file is closed: HDF5 has filtered every tagged chunk. */
  endFile(): void {
    this.chunks.clear(true);
    this.freeTagChunk();
  }

  /** A write failed: tagged chunks still in HDF5's cache are filtered when the file closes, so they are kept. */
  failed(): void {
    this.chunks.clear(false);
  }

  /** The next file will use `lib`: a plugin codec's compressor thread starts loading now. */
  warm(lib: CompressionLib): void {
    if (usesPluginFilter(lib)) this.compressorThread();
  }

  /** Whether chunks of `filter` can be compressed ahead: its encoder is swapped for one that takes those results. */
  private swap(filter: number): boolean {
    let ok = this.swapped.get(filter);
    if (ok !== undefined) return ok;
    const m = this.module();
    if (filter === FILTER_DEFLATE) {
      m._H5open(); // HDF5 registers its filters here, so deflate's entry is in the table
      ok = enableNativeDeflate(m, this.chunks) !== undefined;
    } else {
      // A plugin is in HDF5's table once the entry's datasets were created with it.
      const name = PLUGIN_FILTER_NAMES.get(filter);
      ok = name !== undefined && swapEncoder(m, filter, name, (chunk, cd) => this.chunks.take(chunk, aheadKey(filter, cd)), storedAsIs(filter));
    }
    this.swapped.set(filter, ok);
    return ok;
  }

  /** The compressor thread, started (it loads h5wasm in the background) the first time one is needed. */
  private compressorThread(): CompressorThread {
    this.compressor ??= new CompressorThread(this.compressorUrl);
    this.compressor.prestart();
    return this.compressor;
  }

  private freeTagChunk(): void {
    if (this.tagChunk) this.module()._H5free_memory(this.tagChunk.ptr);
    this.tagChunk = undefined;
  }
}
