// gzip (HDF5's deflate filter, id 1) through Node's own zlib instead of the zlib compiled into h5wasm's
// WebAssembly. Deflate is where gzip saving spends its time (docs/benchmarks.md): Node's zlib (Chromium's, with
// SIMD hashing) compresses a 512×512 uint16 frame at level 1 in ~4.2 ms where h5wasm's takes ~5.3 ms. The
// writer thread swaps deflate's encoder (filter-table.ts) and keeps the original for decoding.
//
// The bytes on disk are what HDF5's own filter writes: a zlib stream (header + adler32) of the chunk at the
// dataset's level, under filter id 1; a chunk that does not shrink is stored deflated all the same, as HDF5's own
// filter does (its output buffer is zlib's compressBound).
import { deflate, deflateSync } from 'node:zlib';
import { promisify } from 'node:util';
import { aheadKey, type ChunksAhead, type RowCompressor } from './chunks-ahead.ts';
import { swapEncoder, type H5Module } from './filter-table.ts';

export const FILTER_DEFLATE = 1;

export interface NativeDeflate {
  /** Chunks compressed by Node's zlib since the swap (for the tests that check it is in use). */
  chunks: number;
  /** Of those, how many had been compressed ahead (ChunksAhead) rather than in the call. */
  ahead: number;
}

/**
 * Swaps deflate's encoder for Node's zlib in this thread's h5wasm, once HDF5 has registered its filters (after
 * H5open). Returns undefined, and changes nothing, when h5wasm is not laid out as expected.
 */
export function enableNativeDeflate(module: H5Module, ahead?: ChunksAhead): NativeDeflate | undefined {
  const state: NativeDeflate = { chunks: 0, ahead: 0 };
  const swapped = swapEncoder(module, FILTER_DEFLATE, 'deflate\0', (chunk, cd) => {
    if (cd.length !== 1) return undefined;
    const early = ahead?.take(chunk, aheadKey(FILTER_DEFLATE, cd));
    if (early?.byteLength) state.ahead += 1;
    state.chunks += 1;
    return early ?? deflateSync(chunk, { level: cd[0] });
  });
  return swapped ? state : undefined;
}

const deflateAsync = promisify(deflate);

/** Deflates rows at `level` on Node's thread pool, all at once (the pool has four threads). */
export function deflateRows(level: number): RowCompressor {
  return async (rows) => ({
    outs: await Promise.all(
      rows.map((raw) =>
        // One output buffer that fits (zlib's default 16 kB pieces cost a callback and a copy each).
        deflateAsync(raw, { level, chunkSize: Math.max(64 * 1024, raw.byteLength + 1024) }).catch(() => undefined),
      ),
    ),
  });
}
