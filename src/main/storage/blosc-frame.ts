// A chunk blosc cannot shrink, stored the way blosc itself stores one when its output has room: a "memcpyed"
// blosc frame, the 16-byte header then the bytes as they are. The HDF5 blosc filter gives blosc an output exactly
// as long as the input and fails the chunk when it does not shrink, counting on being registered as optional;
// h5wasm registers every filter as mandatory, so that failure failed the whole write (frames of pure noise ended a
// Do Save file with an HDF5 error). Every blosc decoder reads this frame: the header says "copied", and the
// filter's decoder allocates what the header says and lets blosc copy it out.
import { FILTER } from './codecs.ts';

/** c-blosc's BLOSC_VERSION_FORMAT, its header size (BLOSC_MAX_OVERHEAD) and header flags. */
const VERSION_FORMAT = 2;
const HEADER = 16;
const FLAG_SHUFFLE = 0x01;
const FLAG_MEMCPYED = 0x02;
const FLAG_BITSHUFFLE = 0x04;
/** Compressor code (cd_values[6]) → its format code in the header's top three flag bits (blosclz, lz4, lz4hc, snappy, zlib, zstd). */
const FORMAT_OF: readonly number[] = [0, 1, 1, 2, 3, 4];

/** The blosc frame of `chunk` stored as is, for a dataset with these cd_values (blosc filter 32001). */
export function bloscMemcpyed(chunk: Uint8Array, cd: readonly number[]): Uint8Array {
  const out = new Uint8Array(HEADER + chunk.byteLength);
  const view = new DataView(out.buffer);
  const shuffle = cd[5] ?? 1;
  const format = FORMAT_OF[cd[6] ?? 0] ?? 0;
  out[0] = VERSION_FORMAT;
  out[1] = 1; // the compressor's own format version: not read for a copied frame
  out[2] = FLAG_MEMCPYED | (shuffle === 1 ? FLAG_SHUFFLE : 0) | (shuffle === 2 ? FLAG_BITSHUFFLE : 0) | (format << 5);
  out[3] = Math.min(255, cd[2] ?? 1); // type size
  view.setUint32(4, chunk.byteLength, true); // bytes of data
  view.setUint32(8, chunk.byteLength, true); // block size: the whole chunk, one block
  view.setUint32(12, HEADER + chunk.byteLength, true); // bytes of the frame
  out.set(chunk, HEADER);
  return out;
}

/** What a filter stores for a chunk it failed to encode, where it has a form for that (only blosc does). */
export function storedAsIs(filter: number): ((chunk: Uint8Array, cd: readonly number[]) => Uint8Array) | undefined {
  return filter === FILTER.blosc ? bloscMemcpyed : undefined;
}
