// gzip (HDF5's deflate filter, id 1) through Node's own zlib instead of the zlib compiled into h5wasm's
// WebAssembly. Deflate is where gzip saving spends its time (docs/benchmarks.md): Node's zlib (Chromium's, with
// SIMD hashing) compresses a 512×512 uint16 frame at level 1 in ~4.2 ms where h5wasm's takes ~5.3 ms. h5wasm
// 0.10.3 has no direct chunk write and exports no H5Zregister, so the writer thread swaps the function pointer of
// deflate's entry in HDF5's filter table for a JavaScript function, and keeps the original for decoding.
//
// The bytes on disk are what HDF5's own filter writes: a zlib stream (header + adler32) of the chunk at the
// dataset's level, under filter id 1; a chunk that does not shrink is stored deflated all the same, as HDF5's own
// filter does (its output buffer is zlib's compressBound). If anything here does not look exactly as expected (another
// h5wasm build), nothing is swapped and h5wasm's own deflate is used: `enableNativeDeflate` says which.
import { deflate, deflateSync } from 'node:zlib';
import { promisify } from 'node:util';

/** HDF5's H5Z_FLAG_REVERSE: the filter is called to decode. */
const FLAG_REVERSE = 0x0100;
/** H5Z_CLASS_T_VERS and H5Z_FILTER_DEFLATE, the first fields of deflate's H5Z_class2_t. */
const CLASS_VERSION = 1;
const FILTER_DEFLATE = 1;
/** Index of `filter` in H5Z_class2_t (version, id, encoder_present, decoder_present, name, can_apply, set_local, filter), 4-byte fields in wasm32. */
const FILTER_FIELD = 7;

interface H5Module {
  HEAPU8: Uint8Array;
  _H5allocate_memory: (size: number, clear: number) => number;
  _H5free_memory: (ptr: number) => number;
}

// The few WebAssembly JS API parts used here (the main process's type set has no DOM/WebAssembly declarations).
interface WasmTable {
  get(i: number): unknown;
  set(i: number, f: unknown): void;
  grow(n: number): number;
}
interface WasmInstance {
  exports: Record<string, unknown>;
}
interface WasmApi {
  instantiate: (...args: unknown[]) => Promise<WasmInstance | { instance: WasmInstance }>;
  Instance: new (module: unknown, imports: object) => WasmInstance;
  Module: new (bytes: Uint8Array) => unknown;
  Table: abstract new (...args: never[]) => WasmTable;
}
const Wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

let captured: WasmTable | undefined;

/**
 * Wraps WebAssembly.instantiate so the function table of the next module that exports one (h5wasm's) is kept.
 * Called in the writer thread before h5wasm is imported; the wrapper removes itself after that module.
 */
export function captureFunctionTable(): void {
  const original = Wasm.instantiate;
  Wasm.instantiate = async function (this: unknown, ...args: unknown[]) {
    const r = await original.apply(this, args);
    const instance = r instanceof Wasm.Instance ? r : (r as { instance: WasmInstance }).instance;
    const table = instance.exports.__indirect_function_table;
    if (table instanceof Wasm.Table) {
      captured = table;
      Wasm.instantiate = original;
    }
    return r;
  };
}

/** A WebAssembly function calling `fn`, with HDF5's filter signature (six i32 arguments, an i32 result). */
function filterSignatureFunction(fn: (...a: number[]) => number): unknown {
  // prettier-ignore
  const bytes = new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version
    0x01, 0x0b, 0x01, 0x60, 0x06, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x01, 0x7f, // type: (i32 ×6) → i32
    0x02, 0x07, 0x01, 0x01, 0x65, 0x01, 0x66, 0x00, 0x00, // import "e" "f" as function of that type
    0x07, 0x05, 0x01, 0x01, 0x66, 0x00, 0x00, // export it as "f"
  ]);
  return new Wasm.Instance(new Wasm.Module(bytes), { e: { f: fn } }).exports.f;
}

/** Where deflate's entries are in HDF5's memory (the `filter` field of each, as an index into 32-bit words). */
function findDeflateClasses(heap: Uint8Array): number[] {
  const bytes = Buffer.from(heap.buffer, 0, heap.byteLength);
  const words = new Int32Array(heap.buffer, 0, heap.byteLength >> 2);
  // version, id, encoder_present, decoder_present: four little-endian 32-bit ones (a native search: ~20 MB).
  const head = Buffer.from(Int32Array.from([CLASS_VERSION, FILTER_DEFLATE, 1, 1]).buffer);
  const name = Buffer.from('deflate\0');
  const found: number[] = [];
  for (let at = bytes.indexOf(head); at !== -1; at = bytes.indexOf(head, at + 4)) {
    if (at % 4 !== 0) continue;
    const i = at >> 2;
    const namePtr = words[i + 4]! >>> 0;
    if (words[i + 5] !== 0 || words[i + 6] !== 0 || words[i + FILTER_FIELD] === 0) continue;
    if (namePtr + name.length > bytes.length || !bytes.subarray(namePtr, namePtr + name.length).equals(name)) continue;
    found.push(i + FILTER_FIELD);
  }
  return found;
}

export interface NativeDeflate {
  /** Chunks compressed by Node's zlib since the swap (for the tests that check it is in use). */
  chunks: number;
  /** Of those, how many had been compressed ahead (DeflateAhead) rather than in the call. */
  ahead: number;
}

/**
 * Swaps deflate's encoder for Node's zlib in this thread's h5wasm, once HDF5 has registered its filters (after the
 * first file was made). Returns undefined, and changes nothing, when h5wasm is not laid out as expected.
 */
export function enableNativeDeflate(module: H5Module, ahead?: DeflateAhead): NativeDeflate | undefined {
  const table = captured;
  if (!table) return undefined;
  const slots = findDeflateClasses(module.HEAPU8);
  if (slots.length === 0) return undefined;
  const words = () => new Int32Array(module.HEAPU8.buffer, 0, module.HEAPU8.byteLength >> 2);
  const originalIndex = words()[slots[0]!]!;
  if (!slots.every((s) => words()[s] === originalIndex)) return undefined;
  const original = table.get(originalIndex) as ((...a: number[]) => number) | null;
  if (typeof original !== 'function') return undefined;
  const state: NativeDeflate = { chunks: 0, ahead: 0 };
  const filter = (flags: number, cdCount: number, cdValues: number, nbytes: number, bufSizePtr: number, bufPtr: number): number => {
    if (flags & FLAG_REVERSE || cdCount !== 1) return original(flags, cdCount, cdValues, nbytes, bufSizePtr, bufPtr);
    let heap = module.HEAPU8;
    let view = new DataView(heap.buffer);
    const level = view.getUint32(cdValues >>> 0, true);
    const input = view.getUint32(bufPtr >>> 0, true);
    const chunk = heap.subarray(input, input + (nbytes >>> 0));
    const early = ahead?.take(chunk, level);
    if (early) state.ahead += 1;
    const out = early ?? deflateSync(chunk, { level });
    const dest = module._H5allocate_memory(out.byteLength, 0) >>> 0;
    if (dest === 0) return 0;
    heap = module.HEAPU8; // the allocation may have grown the memory
    view = new DataView(heap.buffer);
    heap.set(out, dest);
    module._H5free_memory(view.getUint32(bufPtr >>> 0, true));
    view.setUint32(bufPtr >>> 0, dest, true);
    view.setUint32(bufSizePtr >>> 0, out.byteLength, true);
    state.chunks += 1;
    return out.byteLength;
  };
  const index = table.grow(1);
  table.set(index, filterSignatureFunction(filter));
  const w = words();
  for (const s of slots) w[s] = index;
  return state;
}

const deflateAsync = promisify(deflate);

/**
 * Compresses a batch's frames on Node's thread pool as soon as the batch reaches the writer thread, so the second
 * core compresses while this thread writes the batch before (HDF5 itself compresses chunk by chunk, in one
 * thread). When HDF5 then asks deflate for a chunk, the filter takes the result whose input is byte for byte that
 * chunk; a chunk that was not compressed ahead (a partial chunk, 0-D columns) is compressed in the call.
 */
export class DeflateAhead {
  /** Finished results by fingerprint (several identical frames share one). */
  private readonly done = new Map<string, { raw: Buffer; out: Buffer; level: number; batch: number }[]>();
  private pending = 0;

  /** Starts compressing each row of `rows` (one chunk each) of batch number `batch`; resolves when all are done. */
  start(values: ArrayBufferView, rows: number, level: number, batch: number): Promise<void> {
    const rowBytes = values.byteLength / rows;
    const jobs: Promise<void>[] = [];
    for (let r = 0; r < rows; r++) {
      const raw = Buffer.from(values.buffer, values.byteOffset + r * rowBytes, rowBytes);
      this.pending += 1;
      jobs.push(
        // One output buffer that fits (zlib's default 16 kB pieces cost a callback and a copy each).
        deflateAsync(raw, { level, chunkSize: Math.max(64 * 1024, rowBytes + 1024) }).then(
          (out) => {
            this.pending -= 1;
            const key = fingerprint(raw);
            const list = this.done.get(key);
            if (list) list.push({ raw, out, level, batch });
            else this.done.set(key, [{ raw, out, level, batch }]);
          },
          () => {
            this.pending -= 1; // the filter compresses this chunk itself
          },
        ),
      );
    }
    return Promise.all(jobs).then(() => undefined);
  }

  /** The compressed bytes of exactly this chunk at this level, if they were made ahead (each result is used once). */
  take(bytes: ArrayBufferView, level: number): Buffer | undefined {
    const chunk = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const key = fingerprint(chunk);
    const list = this.done.get(key);
    if (!list) return undefined;
    const i = list.findIndex((e) => e.level === level && e.raw.equals(chunk));
    if (i === -1) return undefined;
    const [hit] = list.splice(i, 1);
    if (list.length === 0) this.done.delete(key);
    return hit!.out;
  }

  /**
   * Drops results never asked for: all of them (a failed write, the end of a file), or those of batches before
   * `batch` (HDF5 compresses a chunk when it leaves its chunk cache, at the latest a batch or a flush later).
   */
  clear(batch = Infinity): void {
    for (const [key, list] of this.done) {
      const kept = list.filter((e) => e.batch >= batch);
      if (kept.length === 0) this.done.delete(key);
      else if (kept.length !== list.length) this.done.set(key, kept);
    }
  }

  /** Results waiting to be used, and jobs still running (for tests). */
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
