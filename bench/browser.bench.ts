// Browser figures: time to the first tree of a scan file, to the first plot of a 10-million-point dataset (a
// min/max envelope), to one frame of a compressed 10,000×512×512 stack, and peak memory (RSS and wasm heap)
// meanwhile. Targets: tree < 100 ms, frame < 100 ms, line < 500 ms. Test files are written with h5py.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { H5Provider } from '../src/main/h5browse/provider.ts';
import { openSession } from '../src/main/session.ts';
import { loadH5wasm } from '../src/main/storage/h5wasm.ts';
import { python } from '../test/helpers/python.ts';
import type { Benchmark, Figure } from './harness.ts';

const bench: Benchmark = {
  name: 'browser',
  async run(): Promise<Figure[]> {
    const dir = mkdtempSync(join(tmpdir(), 'daq-bench-browser-'));
    const figures: Figure[] = [];
    try {
      const line = join(dir, 'line.h5');
      const stack = join(dir, 'stack.h5');
      python(`
import sys, json, h5py, numpy as np
with h5py.File(sys.argv[1], 'w') as f:
    f.create_dataset('line', data=np.sin(np.arange(10_000_000) / 5000.0), chunks=(1 << 20,))
y, x = np.mgrid[0:512, 0:512]
base = (1000 * np.exp(-((x - 256) ** 2 + (y - 256) ** 2) / 200.0)).astype('uint16')
with h5py.File(sys.argv[2], 'w') as f:
    d = f.create_dataset('frames', shape=(10000, 512, 512), dtype='uint16', chunks=(1, 512, 512), compression='gzip', compression_opts=1)
    for i in range(0, 10000, 100):
        d[i:i + 100] = np.broadcast_to(base, (100, 512, 512)) + (np.arange(i, i + 100, dtype='uint16') % 7)[:, None, None]
print(json.dumps(True))`, line, stack);
      // A scan file of ours with 50 scans, for the tree.
      const s = await openSession({ dataDir: join(dir, 'data'), basePath: join(dir, 'files'), instantMoves: true });
      let scanFile = '';
      for (let i = 0; i < 50; i++) scanFile = (await s.scan({ type: 'count', points: 10, detectors: ['det'] })).file;
      await s.close();

      const h5 = await loadH5wasm();
      const heap = () => (h5 as unknown as { Module: { HEAPU8: Uint8Array } }).Module.HEAPU8.byteLength;
      let peakRss = process.memoryUsage().rss;
      let peakHeap = heap();
      const sample = () => {
        peakRss = Math.max(peakRss, process.memoryUsage().rss);
        peakHeap = Math.max(peakHeap, heap());
      };
      const p = new H5Provider();

      let t = performance.now();
      const f = await p.open(scanFile);
      const kids = p.children(f.id, '/');
      p.defaultPlot(f.id, '/');
      const tree = performance.now() - t;
      sample();
      figures.push({ metric: `first tree (open + root children + default plot) of a scan file with ${kids.length} scans`, value: tree, unit: 'ms', target: '< 100 ms', pass: tree < 100 });

      t = performance.now();
      const lf = await p.open(line);
      p.info(lf.id, '/line');
      p.envelope(lf.id, '/line', 0, 10_000_000, 2000);
      const firstLine = performance.now() - t;
      sample();
      figures.push({ metric: 'first plot of a 10,000,000-point dataset (2,000-bucket min/max envelope)', value: firstLine, unit: 'ms', target: '< 500 ms', pass: firstLine < 500 });
      t = performance.now();
      p.envelope(lf.id, '/line', 4_000_000, 4_100_000, 2000);
      figures.push({ metric: 'zoom into 100,000 points of it', value: performance.now() - t, unit: 'ms' });

      t = performance.now();
      const sf = await p.open(stack);
      p.info(sf.id, '/frames');
      p.slice(sf.id, '/frames', [[7321, 7322], null, null]);
      const frame = performance.now() - t;
      sample();
      figures.push({ metric: `one frame of a gzip 10,000×512×512 uint16 stack (${(statSync(stack).size / 2 ** 20).toFixed(0)} MB on disk)`, value: frame, unit: 'ms', target: '< 100 ms', pass: frame < 100 });
      t = performance.now();
      const stackInfo = p.info(sf.id, '/frames');
      figures.push({ metric: `metadata pane of that stack, with bytes on disk read from its 10,000-chunk index (ratio ${stackInfo.compressionRatio?.toFixed(1)}×)`, value: performance.now() - t, unit: 'ms' });
      t = performance.now();
      for (let i = 0; i < 20; i++) p.slice(sf.id, '/frames', [[i * 500, i * 500 + 1], null, null]);
      figures.push({ metric: 'next frames (mean of 20 random ones)', value: (performance.now() - t) / 20, unit: 'ms' });
      sample();
      figures.push({ metric: 'peak RSS of the process meanwhile', value: peakRss / 2 ** 20, unit: 'MiB' });
      figures.push({ metric: 'peak wasm heap meanwhile', value: peakHeap / 2 ** 20, unit: 'MiB' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return figures;
  },
};
export default bench;
