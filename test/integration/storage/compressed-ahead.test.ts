// Frames are compressed ahead, on the other core (storage/chunks-ahead.ts): gzip on Node's thread pool, the
// plugin codecs in the writer thread's compressor thread (compressor-worker.ts). Through the real saver and writer
// thread, every frame of every codec is compressed ahead, and the file reads back equal in Debian's h5py and in
// h5wasm — repeated frames, several batches, and a frame of pure noise that does not compress (blosc used to fail
// the whole write on it: storage/blosc-frame.ts). A compressor thread that cannot start only means the writer
// compresses in the call.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ChunksAhead } from '../../../src/main/storage/chunks-ahead.ts';
import { CompressorThread } from '../../../src/main/storage/compressor-thread.ts';
import { openSession } from '../../../src/main/session.ts';
import { loadH5wasm } from '../../../src/main/storage/h5wasm.ts';
import type { CompressionLib } from '../../../src/shared/compression.ts';
import { python } from '../../helpers/python.ts';
import { rng } from '../../helpers/seeded-random.ts';

const dir = mkdtempSync(join(tmpdir(), 'daq-ahead-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SIDE = 512; // eiger1's frames
const FRAMES = 40; // several batches of 16

/** Smooth frames with a spot (they compress), every fifth one repeated, and one of pure noise (it does not). */
function frames(): Uint16Array[] {
  const rand = rng(11);
  return Array.from({ length: FRAMES }, (_, n) => {
    const f = new Uint16Array(SIDE * SIDE);
    const k = n % 5 === 4 ? n - 1 : n;
    for (let i = 0; i < f.length; i++) f[i] = n === 7 ? Math.floor(rand() * 65536) : 100 + ((i + k * 31) % 97) + (Math.abs((i % SIDE) - 256 - k) < 4 ? 3000 : 0);
    return f;
  });
}

const READ_BACK = `
import sys, json, h5py, numpy as np
with h5py.File(sys.argv[1], 'r') as f:
    d = f[f.attrs['default']]['instrument/eiger1/data']
    v = d[()]
    print(json.dumps({'shape': list(v.shape), 'sums': [int(x.astype(np.int64).sum()) for x in v], 'firsts': [int(x[0, 0]) for x in v], 'mids': [int(x[256, 260]) for x in v]}))`;

describe('frames compressed ahead, on the other core', () => {
  for (const [lib, level] of [['gzip', 1], ['blosc-lz4', 5], ['blosc-zstd', 3], ['bitshuffle-lz4', 0], ['lz4', 0], ['bzip2', 9]] as [CompressionLib, number][]) {
    it(`${lib}: every frame is compressed ahead, and h5py reads them all back equal`, async () => {
      const s = await openSession({ dataDir: join(dir, `data-${lib}`), basePath: join(dir, `files-${lib}`) });
      try {
        const camera = s.instrument.detector('eiger1');
        const input = frames();
        await s.api.setSaverOptions({ compression: lib, level });
        /** One Do Save file of the frames; how many of them were compressed ahead. */
        const save = async () => {
          const on = await s.api.setDoSave(true, 'eiger1');
          const before = s.saver.compressedChunks();
          for (const f of input) {
            const wait = s.saver.record(camera, f, Date.now() / 1000);
            if (wait) await wait;
          }
          await s.api.setDoSave(false);
          return { on, ahead: s.saver.compressedChunks().ahead - before.ahead };
        };
        // The compressor thread starts with the first file and loads h5wasm meanwhile (the writer compresses in
        // the call until then): files are saved until one is all compressed ahead.
        let saved = await save();
        for (let tries = 1; saved.ahead < FRAMES && tries < 20; tries++) saved = await save();
        expect(saved.ahead, 'frames compressed ahead').toBe(FRAMES);
        const on = saved.on;

        const back = python<{ shape: number[]; sums: number[]; firsts: number[]; mids: number[] }>(READ_BACK, on.currentPath);
        expect(back.shape).toEqual([FRAMES, SIDE, SIDE]);
        expect(back.sums).toEqual(input.map((f) => f.reduce((a, v) => a + v, 0)));
        expect(back.firsts).toEqual(input.map((f) => f[0]));
        expect(back.mids).toEqual(input.map((f) => f[256 * SIDE + 260]));

        // Our own reader (h5wasm with the plugins, as the Browser reads) gets the noise frame and a smooth one.
        const h5 = await loadH5wasm();
        const file = new h5.File(on.currentPath, 'r');
        try {
          const d = file.get(`${String(file.attrs.default!.value)}/instrument/eiger1/data`) as InstanceType<typeof h5.Dataset>;
          for (const n of [7, 8]) expect(Array.from(d.slice([[n, n + 1], [], []]) as Uint16Array), `frame ${n}`).toEqual(Array.from(input[n]!));
        } finally {
          file.close();
        }
      } finally {
        await s.close();
      }
    });
  }

  it('a compressor thread that cannot start leaves every chunk to be compressed in the call', async () => {
    const compressor = new CompressorThread(new URL('file:///nonexistent/compressor-worker.js'));
    const ahead = new ChunksAhead();
    const f = frames()[0]!;
    await ahead.start('b1', f, 1, 'k', compressor.rows(32001, [2, 2, 2, SIDE * SIDE * 2, 5, 1, 1]));
    expect(ahead.size).toEqual({ ready: 0, tagged: 0, running: 0 });
    expect(ahead.tagRow('b1', 0, new Uint8Array(f.byteLength)), 'the frame is written as it is').toBe(false);
  });
});
