// Saving figures: (1) 0-D scan writing, points/s for a 100,000-point count with det, diode1 and monitor saved;
// (2) 2-D continuous saving, sustained frames/s and MB/s of 512×512 uint16 frames with no compression, gzip 1
// and gzip 4; (3) the worst event-loop delay of the main thread meanwhile; and, where Debian's h5py exists,
// h5py writing the same frames in the same chunks, with our rate as a ratio of its rate.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Rng } from '../src/main/instrument/rng.ts';
import { openSession } from '../src/main/session.ts';
import type { Benchmark, Figure } from './harness.ts';

const FRAMES = 300;
const FRAME_BYTES = 512 * 512 * 2;

function h5pyFramesPerSecond(dir: string, frames: number, level: number | null): number | undefined {
  if (!existsSync('/usr/bin/python3')) return undefined;
  const r = spawnSync('/usr/bin/python3', ['-c', `
import sys, time, numpy as np, h5py
n = int(sys.argv[2]); level = None if sys.argv[3] == 'none' else int(sys.argv[3])
rng = np.random.default_rng(1)
frames = [rng.poisson(20, (512, 512)).astype('uint16') for _ in range(8)]
opts = {} if level is None else {'compression': 'gzip', 'compression_opts': level}
t0 = time.perf_counter()
with h5py.File(sys.argv[1], 'w', libver=('v110', 'v110')) as f:
    d = f.create_dataset('data', shape=(0, 512, 512), maxshape=(None, 512, 512), chunks=(1, 512, 512), dtype='uint16', **opts)
    f.swmr_mode = True
    for i in range(n):
        d.resize((i + 1, 512, 512)); d[i] = frames[i % 8]
        if i % 10 == 9: f.flush()
print(n / (time.perf_counter() - t0))`, join(dir, `h5py-${level ?? 'none'}.h5`), String(frames), level === null ? 'none' : String(level)], { encoding: 'utf8' });
  if (r.status !== 0) return undefined;
  return Number(r.stdout.trim());
}

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

      // (2) + (3) 2-D continuous saving.
      for (const [label, compression, level] of [['no compression', 'none', 0], ['gzip 1', 'gzip', 1], ['gzip 4', 'gzip', 4]] as const) {
        const c = await openSession({ dataDir: join(dir, `c-${label}`), basePath: join(dir, `cfiles-${label}`) });
        c.viewer.setExpTime('eiger1', 0);
        await c.api.setSaverOptions({ compression, level });
        await c.api.setDoSave(true, 'eiger1');
        const loop = monitorEventLoopDelay({ resolution: 5 });
        loop.enable();
        t = performance.now();
        await c.viewer.grab('eiger1', FRAMES);
        await c.api.setDoSave(false);
        const s2 = (performance.now() - t) / 1000;
        loop.disable();
        const fps = FRAMES / s2;
        figures.push({ metric: `2-D continuous saving, ${label}: frames per second`, value: fps, unit: 'fps' });
        figures.push({ metric: `2-D continuous saving, ${label}: MB/s (uncompressed frame bytes)`, value: (fps * FRAME_BYTES) / 1e6, unit: 'MB/s' });
        figures.push({ metric: `2-D continuous saving, ${label}: worst event-loop delay of the main thread`, value: loop.max / 1e6, unit: 'ms', target: '< 50 ms', pass: loop.max / 1e6 < 50 });
        // The writer alone: the same 8 frames fed again and again, as the h5py reference writes them.
        const det = c.instrument.detector('eiger1');
        const pool = Array.from({ length: 8 }, () => det.acquire({ position: () => 0, expTime: 0.1, rng: new Rng(1) }));
        await c.api.setDoSave(true, 'eiger1');
        t = performance.now();
        for (let i = 0; i < FRAMES; i++) {
          const wait = c.saver.record(det, pool[i % 8]!, Date.now() / 1000);
          if (wait) await wait;
        }
        await c.api.setDoSave(false);
        const writerFps = FRAMES / ((performance.now() - t) / 1000);
        figures.push({ metric: `writer alone (frames already acquired), ${label}: frames per second`, value: writerFps, unit: 'fps' });
        const ref = h5pyFramesPerSecond(dir, FRAMES, compression === 'none' ? null : level);
        if (ref !== undefined) {
          figures.push({ metric: `h5py writing the same frames, ${label}: frames per second`, value: ref, unit: 'fps' });
          figures.push({ metric: `writer alone ÷ h5py, ${label}`, value: writerFps / ref, unit: '×', target: '≥ 1.0', pass: writerFps / ref >= 1 });
        }
        await c.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return figures;
  },
};
export default bench;
