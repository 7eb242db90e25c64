// Replacing an HDF5 filter's encoder inside h5wasm. h5wasm 0.10.3 has no direct chunk write and exports no
// H5Zregister, so to compress chunks elsewhere (Node's zlib, another thread) the writer swaps the function pointer
// of the filter's entry in HDF5's filter table for a JavaScript function. The decoder (H5Z_FLAG_REVERSE) and
// every chunk the replacement declines still go to the original function, so what is on disk is always what the
// filter itself writes or reads. If anything does not look exactly as expected (another h5wasm build), nothing
// is swapped and the original filter is used: `swapEncoder` says which.

/** HDF5's H5Z_FLAG_REVERSE: the filter is called to decode. */
const FLAG_REVERSE = 0x0100;
/** H5Z_CLASS_T_VERS, the first field of H5Z_class2_t. */
const CLASS_VERSION = 1;
/** Index of `filter` in H5Z_class2_t (version, id, encoder_present, decoder_present, name, can_apply, set_local, filter), 4-byte fields in wasm32. */
const FILTER_FIELD = 7;

export interface H5Module {
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
 * Called in a thread before h5wasm is imported; the wrapper removes itself after that module.
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

/** A filter function: (flags, cd_nelmts, cd_values, nbytes, buf_size*, buf**) → bytes out, 0 on failure. */
export type FilterFunction = (flags: number, cdCount: number, cdValues: number, nbytes: number, bufSizePtr: number, bufPtr: number) => number;

/** A WebAssembly function calling `fn`, with HDF5's filter signature (six i32 arguments, an i32 result). */
function filterSignatureFunction(fn: FilterFunction): unknown {
  // prettier-ignore
  const bytes = new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version
    0x01, 0x0b, 0x01, 0x60, 0x06, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x01, 0x7f, // type: (i32 ×6) → i32
    0x02, 0x07, 0x01, 0x01, 0x65, 0x01, 0x66, 0x00, 0x00, // import "e" "f" as function of that type
    0x07, 0x05, 0x01, 0x01, 0x66, 0x00, 0x00, // export it as "f"
  ]);
  return new Wasm.Instance(new Wasm.Module(bytes), { e: { f: fn } }).exports.f;
}

/**
 * Where a filter's class entries are in HDF5's memory (the `filter` field of each, as an index into 32-bit
 * words): the one registered in HDF5's table and, for a plugin, the plugin's own static copy.
 */
function findFilterClasses(heap: Uint8Array, id: number, namePrefix: string): number[] {
  const bytes = Buffer.from(heap.buffer, 0, heap.byteLength);
  const words = new Int32Array(heap.buffer, 0, heap.byteLength >> 2);
  // version, id, encoder_present, decoder_present: four little-endian 32-bit ones (a native search: ~20 MB).
  const head = Buffer.from(Int32Array.from([CLASS_VERSION, id, 1, 1]).buffer);
  const name = Buffer.from(namePrefix);
  const found: number[] = [];
  for (let at = bytes.indexOf(head); at !== -1; at = bytes.indexOf(head, at + 4)) {
    if (at % 4 !== 0) continue;
    const i = at >> 2;
    const namePtr = words[i + 4]! >>> 0;
    if (words[i + FILTER_FIELD] === 0) continue;
    if (namePtr + name.length > bytes.length || !bytes.subarray(namePtr, namePtr + name.length).equals(name)) continue;
    found.push(i + FILTER_FIELD);
  }
  return found;
}

/** The filter function HDF5 would call for `id`, or undefined (not registered yet, or not laid out as expected). */
export function filterFunction(module: H5Module, id: number, namePrefix: string): { fn: FilterFunction; slots: number[]; index: number } | undefined {
  const table = captured;
  if (!table) return undefined;
  const slots = findFilterClasses(module.HEAPU8, id, namePrefix);
  if (slots.length === 0) return undefined;
  const words = new Int32Array(module.HEAPU8.buffer, 0, module.HEAPU8.byteLength >> 2);
  const index = words[slots[0]!]!;
  if (!slots.every((s) => words[s] === index)) return undefined;
  const fn = table.get(index);
  return typeof fn === 'function' ? { fn: fn as FilterFunction, slots, index } : undefined;
}

/** Reads a filter call's cd_values. */
export function cdValues(module: H5Module, count: number, ptr: number): number[] {
  return Array.from(new Uint32Array(module.HEAPU8.buffer, ptr >>> 0, count >>> 0));
}

type Encode = (chunk: Uint8Array, cd: number[]) => Uint8Array | undefined;

/**
 * Swaps filter `id`'s encoder: `encode` gets each chunk and the dataset's cd_values and returns the encoded bytes,
 * no bytes to fail the chunk, or undefined to let the original filter encode it; where the original fails,
 * `fallback` (if any) gives the bytes instead. Returns false, changing nothing, when the filter is not found (a plugin is found only once
 * HDF5 has loaded it, i.e. after the first dataset that uses it).
 */
export function swapEncoder(module: H5Module, id: number, namePrefix: string, encode: Encode, fallback?: Encode): boolean {
  const found = filterFunction(module, id, namePrefix);
  if (!found || !captured) return false;
  const original = found.fn;
  const filter: FilterFunction = (flags, cdCount, cdPtr, nbytes, bufSizePtr, bufPtr) => {
    if (flags & FLAG_REVERSE) return original(flags, cdCount, cdPtr, nbytes, bufSizePtr, bufPtr);
    const input = new DataView(module.HEAPU8.buffer).getUint32(bufPtr >>> 0, true);
    const cd = cdValues(module, cdCount, cdPtr);
    let out = encode(module.HEAPU8.subarray(input, input + (nbytes >>> 0)), cd);
    if (!out) {
      const n = original(flags, cdCount, cdPtr, nbytes, bufSizePtr, bufPtr);
      if (n !== 0 || !fallback) return n;
      // The original failed and left the input in place (a filter's contract): store it in the filter's own form.
      const still = new DataView(module.HEAPU8.buffer).getUint32(bufPtr >>> 0, true);
      out = fallback(module.HEAPU8.subarray(still, still + (nbytes >>> 0)), cd);
      if (!out) return 0;
    }
    if (out.byteLength === 0) return 0; // the encoder refuses this chunk: HDF5 reports the write as failed
    const dest = module._H5allocate_memory(out.byteLength, 0) >>> 0;
    if (dest === 0) return 0;
    // The allocation may have grown the memory: views are taken afresh.
    module.HEAPU8.set(out, dest);
    const view = new DataView(module.HEAPU8.buffer);
    module._H5free_memory(view.getUint32(bufPtr >>> 0, true));
    view.setUint32(bufPtr >>> 0, dest, true);
    view.setUint32(bufSizePtr >>> 0, out.byteLength, true);
    return out.byteLength;
  };
  const index = captured.grow(1);
  captured.set(index, filterSignatureFunction(filter));
  const words = new Int32Array(module.HEAPU8.buffer, 0, module.HEAPU8.byteLength >> 2);
  for (const s of found.slots) words[s] = index;
  return true;
}
