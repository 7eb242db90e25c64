// Saving figures: (1) 0-D scan writing, points/s for a 100,000-point count with det, diode1 and monitor saved;
// (2) 2-D continuous saving, per codec (none, gzip 1 and 4, blosc-lz4, blosc-zstd, bitshuffle-lz4, lz4, bzip2):
// sustained frames/s and MB/s of 512×512 uint16 frames, acquired and saved, and by the writer alone, with the
// bytes on disk as a ratio of the raw bytes; (3) the worst event-loop delay of the main thread meanwhile; and,
// where Debian's h5py exists, h5py gzip-1 writing the same frames in the same chunks as the reference, with
// each codec's rate and bytes as a ratio of h5py's.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, fdatasyncSync, mkdtempSync, openSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { CompressionLib } from '../src/shared/compression.ts';
import { Rng } from '../src/main/instrument/rng.ts';
import { openSession } from '../src/main/session.ts';
import type { Benchmark, Figure } from './harness.ts';

const FRAMES = 200;
const FRAME_BYTES = 512 * 512 * 2;

/** h5py writing the given frames (raw uint16 file, 8 frames) over and over: frames/s and the file's bytes. */
function h5pyReference(dir: string, framesFile: string, frames: number, level: number | null): { fps: number; bytes: number } | undefined {
  if (!existsSync('/usr/bin/python3')) return undefined;
  const out = join(dir, `h5py-${level ?? 'none'}.h5`);
  const r = spawnSync('/usr/bin/python3', ['-c', `
import sys, time, numpy as np, h5py
n = int(sys.argv[2]); level = None if sys.argv[3] == 'none' else int(sys.argv[3])
frames = np.fromfile(sys.argv[4], dtype='<u2').reshape(-1, 512, 512)
opts = {} if level is None else {'compression': 'gzip', 'compression_opts': level}
t0 = time.perf_counter()
with h5py.File(sys.argv[1], 'w', libver=('v110', 'v110')) as f:
    d = f.create_dataset('data', shape=(0, 512, 512), maxshape=(None, 512, 512), chunks=(1, 512, 512), dtype='uint16', **opts)
    f.swmr_mode = True
    for i in range(n):
        d.resize((i + 1, 512, 512)); d[i] = frames[i % len(frames)]
        if i % 10 == 9: f.flush()
print(n / (time.perf_counter() - t0))`, out, String(frames), level === null ? 'none' : String(level), framesFile], { encoding: 'utf8' });
  if (r.status !== 0) return undefined;
  return { fps: Number(r.stdout.trim()), bytes: statSync(out).size };
}

/** MB/s of writing 256 MiB to a file in `dir` and syncing it to the disk. */
function diskRate(dir: string): number {
  const file = join(dir, 'disk-rate.bin');
  const block = Buffer.alloc(8 * 2 ** 20, 1);
  const fd = openSync(file, 'w');
  const t = performance.now();
  try {
    for (let i = 0; i < 32; i++) writeSync(fd, block);
    fdatasyncSync(fd);
  } finally {
    closeSync(fd);
  }
  const rate = (32 * block.length) / 1e6 / ((performance.now() - t) / 1000);
  rmSync(file, { force: true });
  return rate;
}

/** The codecs measured: label, library, level; and the targets against h5py gzip-1 (frame rate, bytes). */
const CODECS: { label: string; lib: CompressionLib; level: number; fps?: number; bytes?: number; frames?: number }[] = [
  { label: 'no compression', lib: 'none', level: 0 },
  { label: 'gzip 1', lib: 'gzip', level: 1 },
  { label: 'gzip 4', lib: 'gzip', level: 4 },
  { label: 'blosc-lz4 5', lib: 'blosc-lz4', level: 5, fps: 4 },
  { label: 'blosc-zstd 5', lib: 'blosc-zstd', level: 5 },
  { label: 'bitshuffle-lz4', lib: 'bitshuffle-lz4', level: 0, fps: 3, bytes: 1.2 },
  { label: 'lz4', lib: 'lz4', level: 0 },
  { label: 'bzip2 9', lib: 'bzip2', level: 9, frames: 30 }, // slow: fewer frames keep the run short
];

const bench: Benchmark = {
  name: 'saving',
  async run(): Promise<Figure[]> {
    const dir = mkdtempSync(join(tmpdir(), 'daq-bench-saving-'));
    const figures: Figure[] = [];
    try {
      // (1) 0-D scan writing.
      const s = await openSession({ dataDir: join(dir, 'data'), basePath: join(dir, 'files'), instantMoves: true });
      await s.scan({ type: 'count', points: 1000, detectors: ['det', 'diode1', 'monitor'] }); // warm-up (worker start)
      const t0 = performance.now();
      const r = await s.scan({ type: 'count', points: 100_000, detectors: ['det', 'diode1', 'monitor'] });
      const secs = (performance.now() - t0) / 1000;
      figures.push({ metric: '0-D scan, 100,000 points (det, diode1, monitor) saved: points per second', value: r.numPoints / secs, unit: 'pt/s' });
      await s.close();

      // Frame generation alone, to tell the simulation's cost from the saving's.
      const g = await openSession({ dataDir: join(dir, 'gdata'), basePath: join(dir, 'gfiles') });
      g.viewer.setExpTime('eiger1', 0);
      let t = performance.now();
      await g.viewer.grab('eiger1', 100);
      figures.push({ metric: '512×512 frame simulation alone: frames per second', value: 100 / ((performance.now() - t) / 1000), unit: 'fps' });
      await g.close();

      // (4) Do Save: from the tick to the status saying "on" (the file exists then), cold and with the Viewer open.
      const cold = await openSession({ dataDir: join(dir, 'ddata'), basePath: join(dir, 'dfiles') });
      t = performance.now();
      await cold.api.setDoSave(true, 'eiger1');
      figures.push({ metric: 'Do Save → on, the first time without the Viewer open (writer thread cold)', value: performance.now() - t, unit: 'ms' });
      await cold.api.setDoSave(false);
      await cold.close();
      const warm = await openSession({ dataDir: join(dir, 'wdata'), basePath: join(dir, 'wfiles') });
      await warm.api.getViewerState();
      await warm.saver.warm();
      const onTimes: number[] = [];
      for (let i = 0; i < 5; i++) {
        t = performance.now();
        await warm.api.setDoSave(true, 'eiger1');
        onTimes.push(performance.now() - t);
        await warm.api.setDoSave(false);
      }
      figures.push({ metric: 'Do Save → on with the Viewer open: the first time', value: onTimes[0]!, unit: 'ms', target: '< 200 ms', pass: onTimes[0]! < 200 });
      figures.push({ metric: 'Do Save → on with the Viewer open: worst of 5', value: Math.max(...onTimes), unit: 'ms', target: '< 200 ms', pass: Math.max(...onTimes) < 200 });
      await warm.close();

      // The frames every writer below is fed (the writer-alone passes and the h5py reference): 8 camera frames.
      const p = await openSession({ dataDir: join(dir, 'pdata'), basePath: join(dir, 'pfiles') });
      const rng = new Rng(1);
      const pool = Array.from({ length: 8 }, () => p.instrument.detector('eiger1').acquire({ position: () => 0, expTime: 0.1, rng }) as Uint16Array);
      await p.close();
      const framesFile = join(dir, 'frames.u16');
      writeFileSync(framesFile, Buffer.concat(pool.map((f) => Buffer.from(f.buffer, f.byteOffset, f.byteLength))));
      const ref = h5pyReference(dir, framesFile, FRAMES, 1);
      if (ref) {
        figures.push({ metric: 'h5py gzip 1 writing the same frames and chunks (reference): frames per second', value: ref.fps, unit: 'fps' });
        figures.push({ metric: 'h5py gzip 1 (reference): bytes on disk ÷ raw frame bytes', value: ref.bytes / (FRAMES * FRAME_BYTES), unit: '×' });
      }
      const refNone = h5pyReference(dir, framesFile, FRAMES, null);
      if (refNone) figures.push({ metric: 'h5py uncompressed, same frames (the disk through HDF5): frames per second', value: refNone.fps, unit: 'fps' });

      // The disk's own sustained rate, for "uncompressed near the disk's rate": 256 MiB written and synced.
      figures.push({ metric: "the disk's sustained write rate (256 MiB in 8 MiB blocks, then fdatasync)", value: diskRate(dir), unit: 'MB/s' });

      // (2) + (3) 2-D continuous saving, per codec.
      for (const { label, lib, level, fps: fpsTarget, bytes: bytesTarget, frames = FRAMES } of CODECS) {
        const c = await openSession({ dataDir: join(dir, `c-${lib}-${level}`), basePath: join(dir, `cfiles-${lib}-${level}`) });
        const camera = c.instrument.detector('eiger1');
        c.viewer.setExpTime('eiger1', 0);
        await c.api.setSaverOptions({ compression: lib, level });
        await c.api.setDoSave(true, 'eiger1');
        const loop = monitorEventLoopDelay({ resolution: 5 });
        loop.enable();
        t = performance.now();
        await c.viewer.grab('eiger1', frames);
        await c.api.setDoSave(false);
        const s2 = (performance.now() - t) / 1000;
        loop.disable();
        const fps = frames / s2;
        figures.push({ metric: `2-D continuous saving (acquire + save), ${label}: frames per second`, value: fps, unit: 'fps' });
        figures.push({ metric: `2-D continuous saving (acquire + save), ${label}: MB/s (uncompressed frame bytes)`, value: (fps * FRAME_BYTES) / 1e6, unit: 'MB/s' });
        figures.push({ metric: `2-D continuous saving, ${label}: worst event-loop delay of the main thread`, value: loop.max / 1e6, unit: 'ms', target: '< 50 ms', pass: loop.max / 1e6 < 50 });
        if (ref && lib === 'gzip' && level === 1) figures.push({ metric: `acquire + save ÷ h5py gzip 1 (frame rate), ${label}`, value: fps / ref.fps, unit: '×', target: '≥ 0.9', pass: fps / ref.fps >= 0.9 });
        // The writer alone: the same 8 frames fed again and again, as the h5py reference writes them.
        const on = await c.api.setDoSave(true, 'eiger1');
        t = performance.now();
        for (let i = 0; i < frames; i++) {
          const wait = c.saver.record(camera, pool[i % 8]!, Date.now() / 1000);
          if (wait) await wait;
        }
        await c.api.setDoSave(false);
        const writerFps = frames / ((performance.now() - t) / 1000);
        const bytes = statSync(on.currentPath).size;
        figures.push({ metric: `writer alone (frames already acquired), ${label}: frames per second`, value: writerFps, unit: 'fps' });
        figures.push({ metric: `writer alone, ${label}: MB/s (uncompressed frame bytes)`, value: (writerFps * FRAME_BYTES) / 1e6, unit: 'MB/s' });
        figures.push({ metric: `writer alone, ${label}: bytes on disk ÷ raw frame bytes`, value: bytes / (frames * FRAME_BYTES), unit: '×' });
        if (ref) {
          const r = writerFps / ref.fps;
          const b = bytes / frames / (ref.bytes / FRAMES); // per frame, as bzip2 writes fewer
          figures.push({ metric: `writer alone ÷ h5py gzip 1 (frame rate), ${label}`, value: r, unit: '×', ...(fpsTarget ? { target: `≥ ${fpsTarget}`, pass: r >= fpsTarget } : {}) });
          figures.push({ metric: `bytes ÷ h5py gzip 1 bytes, ${label}`, value: b, unit: '×', ...(bytesTarget ? { target: `≤ ${bytesTarget}`, pass: b <= bytesTarget } : {}) });
        }
        // Both passes: the share of frames compressed ahead on the other core (the first frames of a session's
        // first plugin-codec file are compressed in the call while the compressor thread loads).
        const chunks = c.saver.compressedChunks();
        if (chunks.ahead + chunks.inCall > 0) figures.push({ metric: `frames compressed ahead on the other core, ${label}`, value: (100 * chunks.ahead) / (chunks.ahead + chunks.inCall), unit: '%' });
        await c.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return figures;
  },
};
export default bench;
