// Soak: a timescan with continuous 2-D saving running for DAQ_SOAK_SECONDS (60 s by default; the issue's
// 1-hour figure: DAQ_SOAK_SECONDS=3600 npm run bench -- soak). Memory must stay flat: it prints the slope of the
// process RSS (which includes the writer threads and their wasm heaps), of the JS heap, and of the two writer
// threads' WebAssembly memory (scan file + continuous saving), sampled every 2 s after a warm-up.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSession } from '../src/main/session.ts';
import type { Benchmark, Figure } from './harness.ts';

function slopePerHour(samples: { t: number; v: number }[]): number {
  const n = samples.length;
  const mt = samples.reduce((a, s) => a + s.t, 0) / n;
  const mv = samples.reduce((a, s) => a + s.v, 0) / n;
  let num = 0;
  let den = 0;
  for (const s of samples) {
    num += (s.t - mt) * (s.v - mv);
    den += (s.t - mt) ** 2;
  }
  return den === 0 ? 0 : (num / den) * 3600; // value units per hour (t in seconds)
}

const bench: Benchmark = {
  name: 'soak',
  async run(): Promise<Figure[]> {
    const seconds = Number(process.env.DAQ_SOAK_SECONDS ?? 60);
    const dir = mkdtempSync(join(tmpdir(), 'daq-bench-soak-'));
    const s = await openSession({ dataDir: join(dir, 'data'), basePath: join(dir, 'files'), instantMoves: true });
    try {
      await s.api.setSaverOptions({ compression: 'gzip', level: 1 });
      s.viewer.setExpTime('eiger1', 0.05); // 20 frames/s saved
      await s.api.setDoSave(true, 'eiger1');
      void s.viewer.grab('eiger1');
      const scan = s.startScan({ type: 'timescan', expTime: 0.01, detectors: ['det', 'diode1', 'spectrum1'] });
      const rss: { t: number; v: number }[] = [];
      const heap: { t: number; v: number }[] = [];
      const wasm: { t: number; v: number }[] = [];
      const wasmNow = () => ((s.writer?.wasmHeapBytes() ?? 0) + s.saver.wasmHeapBytes()) / 2 ** 20;
      const t0 = performance.now();
      const warmUp = Math.min(10, seconds / 4);
      while ((performance.now() - t0) / 1000 < seconds) {
        await new Promise((r) => setTimeout(r, 2000));
        const t = (performance.now() - t0) / 1000;
        if (t < warmUp) continue;
        (globalThis as { gc?: () => void }).gc?.();
        const m = process.memoryUsage();
        rss.push({ t, v: m.rss / 2 ** 20 });
        heap.push({ t, v: m.heapUsed / 2 ** 20 });
        wasm.push({ t, v: wasmNow() });
      }
      s.engine.stop();
      const report = await scan.done;
      await s.viewer.stop('eiger1');
      const saved = (await s.api.setDoSave(false)).framesSaved;
      return [
        { metric: `soak duration (timescan + continuous 2-D saving)`, value: seconds, unit: 's' },
        { metric: 'points recorded / frames saved', value: report.numPoints, unit: `pt / ${saved} frames` },
        { metric: 'RSS slope (process, incl. writer threads)', value: slopePerHour(rss), unit: 'MiB/h', target: 'flat (≈ 0)' },
        { metric: 'JS heap slope (after GC)', value: slopePerHour(heap), unit: 'MiB/h', target: 'flat (≈ 0)' },
        { metric: 'writer threads\' wasm heap slope', value: slopePerHour(wasm), unit: 'MiB/h', target: 'flat (≈ 0)' },
        { metric: 'writer threads\' wasm heap after warm-up / at the end', value: wasm[0]?.v ?? 0, unit: `MiB / ${(wasm.at(-1)?.v ?? 0).toFixed(1)} MiB` },
        { metric: 'RSS at the end', value: rss.at(-1)?.v ?? 0, unit: 'MiB' },
      ];
    } finally {
      await s.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
export default bench;
