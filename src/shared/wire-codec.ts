// Encodes WebSocket messages so that typed arrays (camera frames, spectra, dataset slices) travel as raw bytes
// instead of JSON number lists (a 512×512 uint16 frame is 512 kB binary vs ~2 MB of JSON text, and no parsing).
// IPC does not need this: Electron's structured clone carries typed arrays as they are.
//
// Binary message layout: [u32 little-endian: n = JSON header byte length][n bytes UTF-8 JSON][padding to 8]
// [buffer 0][padding to 8][buffer 1]… The JSON holds {"$bin": index, "type": "Uint16Array", "length": n} where a
// typed array stood. Messages without typed arrays stay plain JSON text.

type TypedArray = Int8Array | Uint8Array | Uint8ClampedArray | Int16Array | Uint16Array | Int32Array | Uint32Array | Float32Array | Float64Array | BigInt64Array | BigUint64Array;

const CTORS = {
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
  BigInt64Array,
  BigUint64Array,
} as const;
type CtorName = keyof typeof CTORS;

interface BinRef {
  $bin: number;
  type: CtorName;
  length: number;
}

function isBinRef(v: unknown): v is BinRef {
  return typeof v === 'object' && v !== null && typeof (v as BinRef).$bin === 'number' && typeof (v as BinRef).type === 'string' && (v as BinRef).type in CTORS;
}

const pad8 = (n: number) => (n + 7) & ~7;

/** Returns a string (no typed arrays inside) or a Uint8Array (binary frame). */
export function encodeMessage(msg: unknown): string | Uint8Array {
  const buffers: TypedArray[] = [];
  const json = JSON.stringify(msg, (_key, value: unknown) => {
    if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
      const ta = value as TypedArray;
      buffers.push(ta);
      return { $bin: buffers.length - 1, type: ta.constructor.name as CtorName, length: ta.length } satisfies BinRef;
    }
    return value;
  });
  if (buffers.length === 0) return json;
  const header = new TextEncoder().encode(json);
  let size = pad8(4 + header.length);
  const offsets = buffers.map((b) => {
    const at = size;
    size = pad8(size + b.byteLength);
    return at;
  });
  const out = new Uint8Array(size);
  new DataView(out.buffer).setUint32(0, header.length, true);
  out.set(header, 4);
  buffers.forEach((b, i) => out.set(new Uint8Array(b.buffer, b.byteOffset, b.byteLength), offsets[i]!));
  return out;
}

/** Decodes what encodeMessage produced (text or bytes). Typed arrays come back as views on one copy of the bytes. */
export function decodeMessage(data: string | ArrayBuffer | Uint8Array): unknown {
  if (typeof data === 'string') return JSON.parse(data);
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  // Copy once into an 8-byte-aligned buffer so every typed view is aligned.
  const own = new Uint8Array(bytes.byteLength);
  own.set(bytes);
  const n = new DataView(own.buffer).getUint32(0, true);
  const json = new TextDecoder().decode(own.subarray(4, 4 + n));
  let at = pad8(4 + n);
  const refs: BinRef[] = [];
  const parsed = JSON.parse(json, (_k, v: unknown) => {
    if (isBinRef(v)) refs.push(v);
    return v;
  }) as unknown;
  // Buffers were written in the order their refs appear in the JSON text, which is the order of the reviver.
  const views = new Map<number, TypedArray>();
  for (const ref of refs.sort((a, b) => a.$bin - b.$bin)) {
    const Ctor = CTORS[ref.type];
    const bytesPer = Ctor.BYTES_PER_ELEMENT;
    views.set(ref.$bin, new Ctor(own.buffer, at, ref.length) as TypedArray);
    at = pad8(at + ref.length * bytesPer);
  }
  const revive = (v: unknown): unknown => {
    if (isBinRef(v)) return views.get(v.$bin);
    if (Array.isArray(v)) return v.map(revive);
    if (v && typeof v === 'object') {
      for (const k of Object.keys(v)) (v as Record<string, unknown>)[k] = revive((v as Record<string, unknown>)[k]);
    }
    return v;
  };
  return revive(parsed);
}
