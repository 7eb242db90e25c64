// gzip through Node's zlib (storage/native-deflate.ts): with deflate's encoder swapped in h5wasm, a gzip dataset
// written chunk by chunk — compressed in the call, compressed ahead on the thread pool, and a chunk that does not
// shrink — reads back equal in Debian's h5py and in h5wasm, with the dataset's filter
// still deflate at the chosen level. The scan and Do Save paths through the writer thread are covered with h5py
// in codecs.test.ts; this checks the swap itself on the installed h5wasm, which a new h5wasm could break.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aheadKey, ChunksAhead } from '../../../src/main/storage/chunks-ahead.ts';
import { captureFunctionTable } from '../../../src/main/storage/filter-table.ts';
import { checkHdf5, forgetHdf5Error } from '../../../src/main/storage/hdf5-errors.ts';
import { deflateRows, enableNativeDeflate, type NativeDeflate } from '../../../src/main/storage/native-deflate.ts';
import { python } from '../../helpers/python.ts';
import { rng } from '../../helpers/seeded-random.ts';

const dir = mkdtempSync(join(tmpdir(), 'daq-native-deflate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const W = 64;
const FRAME = W * W;
type H5 = typeof import('h5wasm/node');
let h5: H5;
let stats: NativeDeflate | undefined;
const ahead = new ChunksAhead();
const GZIP1 = aheadKey(1, [1]);

beforeAll(async () => {
  // The table is caught as h5wasm instantiates: this file's own h5wasm (vitest gives each file a fresh import).
  captureFunctionTable();
  const { loadH5wasm } = await import('../../../src/main/storage/h5wasm.ts');
  h5 = await loadH5wasm();
  const m = (h5 as unknown as { Module: Parameters<typeof enableNativeDeflate>[0] & { _H5open: () => number } }).Module;
  m._H5open();
  stats = enableNativeDeflate(m, ahead);
});

/** A smooth frame (compresses well), with a little structure so frames differ. */
function smooth(n: number): Uint16Array {
  const f = new Uint16Array(FRAME);
  for (let i = 0; i < FRAME; i++) f[i] = 100 + ((i % W) * n) + Math.floor(i / W);
  return f;
}

describe('gzip through Node zlib in h5wasm', () => {
  it('is enabled on the installed h5wasm', () => {
    expect(stats, 'the deflate entry was found and swapped').toBeDefined();
  });

  it('writes chunks compressed in the call, ahead, and incompressible ones that h5py and h5wasm read back equal', async () => {
    const rand = rng(7);
    const noise = new Uint16Array(FRAME);
    for (let i = 0; i < FRAME; i++) noise[i] = Math.floor(rand() * 65536); // deflate makes this longer
    const early = smooth(3);
    const frames = [smooth(1), noise, early, smooth(5)];
    // Frame 3 is compressed on the thread pool first, as the writer thread does for a batch of frames; HDF5 then
    // gets a tagged chunk for it (a buffer that is not the frame), and the filter stores the frame's result.
    await ahead.start('b1', early, 1, GZIP1, deflateRows(1));
    expect(ahead.size.ready).toBe(1);
    const tagged = new Uint16Array(FRAME).fill(9);
    expect(ahead.tagRow('b1', 0, new Uint8Array(tagged.buffer))).toBe(true);
    ahead.written('b1');
    const before = { ...stats! };

    const file = join(dir, 'frames.h5');
    const f = new h5.File(file, 'w');
    const ds = f.create_dataset({ name: 'frames', data: new Uint16Array(0), shape: [0, W, W], maxshape: [null, W, W], chunks: [1, W, W], compression: 'gzip', compression_opts: 1 });
    frames.forEach((fr, i) => {
      ds.resize([i + 1, W, W]);
      ds.write_slice([[i, i + 1], [], []], fr === early ? tagged : fr);
    });
    f.close();

    // All four chunks were compressed by Node zlib, one of them ahead.
    expect(stats!.chunks - before.chunks).toBe(4);
    expect(stats!.ahead - before.ahead, 'the filter stored the result made ahead').toBe(1);
    expect(ahead.counts.ahead).toBe(1);
    expect(ahead.size).toEqual({ ready: 0, tagged: 0, running: 0 });

    const r = new h5.File(file, 'r');
    const back = (r.get('frames') as InstanceType<H5['Dataset']>).value as Uint16Array;
    const filters = (r.get('frames') as InstanceType<H5['Dataset']>).filters;
    r.close();
    frames.forEach((fr, i) => expect(Array.from(back.subarray(i * FRAME, (i + 1) * FRAME))).toEqual(Array.from(fr)));
    expect(filters.map((x: { id: number; cd_values: number[] }) => [x.id, x.cd_values[0]])).toEqual([[1, 1]]);

    const py = python<{ compression: string; level: number; sums: number[]; firsts: number[]; stored: number[] }>(
      `
import sys, json, h5py, numpy as np
with h5py.File(sys.argv[1], 'r') as f:
    d = f['frames']
    a = d[...].astype(np.int64)
    stored = [d.id.get_chunk_info(i).size for i in range(d.shape[0])]
    print(json.dumps({'compression': d.compression, 'level': d.compression_opts, 'sums': [int(x.sum()) for x in a], 'firsts': [int(x[0, 0]) for x in a], 'stored': stored}))
`,
      file,
    );
    expect(py.compression).toBe('gzip');
    expect(py.level).toBe(1);
    const sum = (a: Uint16Array) => a.reduce((s, v) => s + v, 0);
    expect(py.sums).toEqual(frames.map(sum));
    expect(py.firsts).toEqual(frames.map((fr) => fr[0]));
    // Smooth frames shrank; the noise frame did not, and is stored deflated all the same, as HDF5's own filter does.
    expect(py.stored[0]).toBeLessThan(FRAME * 2);
    expect(py.stored[1]).toBeGreaterThan(FRAME * 2);
    expect(py.stored[2]).toBeLessThan(FRAME * 2);
  });

  it('fails the write, rather than store the tag, when a tagged chunk has lost its result', async () => {
    await ahead.start('b2', smooth(7), 1, GZIP1, deflateRows(1));
    const tagged = new Uint16Array(FRAME);
    expect(ahead.tagRow('b2', 0, new Uint8Array(tagged.buffer))).toBe(true);
    ahead.clear(true); // the result is gone (as after the end of a file)
    const file = join(dir, 'lost.h5');
    const f = new h5.File(file, 'w');
    const ds = f.create_dataset({ name: 'frames', data: new Uint16Array(0), shape: [0, W, W], maxshape: [null, W, W], chunks: [1, W, W], compression: 'gzip', compression_opts: 1 });
    ds.resize([1, W, W]);
    ds.write_slice([[0, 1], [], []], tagged);
    f.flush();
    expect(() => checkHdf5(), 'the filter refused the chunk: HDF5 reports the write as failed').toThrow(/HDF5|filter/i);
    f.close();
    forgetHdf5Error();
    // Nothing of the tag's buffer reached the file: the frame reads as the fill value.
    const r = new h5.File(file, 'r');
    const back = (r.get('frames') as InstanceType<H5['Dataset']>).value as Uint16Array;
    r.close();
    expect(back.every((v) => v === 0)).toBe(true);
  });

  it('keeps a batch result for another filter or level apart, and drops what was not written', async () => {
    const a = new ChunksAhead();
    await a.start('b1', smooth(8), 1, GZIP1, deflateRows(1));
    const buf = new Uint8Array(FRAME * 2);
    expect(a.tagRow('b1', 0, buf)).toBe(true);
    expect(a.take(buf, aheadKey(1, [4]))?.byteLength, 'a result for level 1 is not one for level 4').toBe(0);
    expect(a.take(buf, GZIP1)?.byteLength).toBeGreaterThan(0);
    expect(a.take(new Uint8Array(smooth(8).buffer), GZIP1), 'real data is compressed in the call').toBeUndefined();
    await a.start('b2', smooth(9), 1, GZIP1, deflateRows(1));
    a.written('b2'); // written as it was (not tagged)
    expect(a.size).toEqual({ ready: 0, tagged: 0, running: 0 });
  });
});
