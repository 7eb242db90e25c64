// Engine overhead: points per second and µs per point with exp_time 0 and instant moves — the engine alone
// (no subscriber) and with every subscriber the app attaches; and heap growth over a 1,000,000-point timescan.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunEngine } from '../src/main/acquisition/engine.ts';
import { MetadataRegistry } from '../src/main/acquisition/metadata.ts';
import { buildPlan } from '../src/main/acquisition/plans.ts';
import { SessionRecorder } from '../src/main/acquisition/recorder.ts';
import { ScanNumbers } from '../src/main/acquisition/scan-numbers.ts';
import { LiveTable } from '../src/main/cli/live-table.ts';
import { loadInstrumentConfig } from '../src/main/instrument/config.ts';
import { Instrument } from '../src/main/instrument/instrument.ts';
import { defaultInstrumentFile } from '../src/main/paths.ts';
import { Session } from '../src/main/session.ts';
import { ScanRequest, type ScanRequest as Req } from '../src/shared/scans.ts';
import type { Benchmark, Figure } from './harness.ts';

const TARGET_US = 20;

function bareEngine(dir: string): RunEngine {
  const file = defaultInstrumentFile();
  const instrument = new Instrument(loadInstrumentConfig(file), { instantMoves: true, seed: 1 });
  return new RunEngine({ instrument, scanNumbers: new ScanNumbers(dir), metadata: new MetadataRegistry(), appVersion: 'bench', instrumentConfigText: readFileSync(file, 'utf8') });
}

async function perPoint(run: () => Promise<{ numPoints: number }>): Promise<{ us: number; pps: number }> {
  await run(); // warm-up
  const t0 = performance.now();
  const r = await run();
  const ms = performance.now() - t0;
  return { us: (ms * 1000) / r.numPoints, pps: r.numPoints / (ms / 1000) };
}

const bench: Benchmark = {
  name: 'engine',
  async run(): Promise<Figure[]> {
    const dir = mkdtempSync(join(tmpdir(), 'daq-bench-engine-'));
    const figures: Figure[] = [];
    try {
      const count: Req = { type: 'count', points: 100_000, detectors: ['det'] };
      const line: Req = { type: 'line', motor: 'samx', start: -1, stop: 1, points: 10_000, detectors: ['det'] };
      const engine = bareEngine(join(dir, 'bare'));
      const here = (m: string) => engine['deps'].instrument.motor(m).setpoint;
      for (const [label, req] of [['count 100,000', count], ['line_scan 10,000', line]] as const) {
        const parsed = ScanRequest.parse(req);
        const r = await perPoint(() => engine.run(buildPlan(parsed, here), { detectors: ['det'], expTime: 0 }));
        figures.push({ metric: `${label}, engine alone: µs per point`, value: r.us, unit: 'µs', target: `< ${TARGET_US} µs`, pass: r.us < TARGET_US });
        figures.push({ metric: `${label}, engine alone: points per second`, value: r.pps, unit: 'pt/s' });
      }
      const session = new Session({ dataDir: join(dir, 'session'), basePath: join(dir, 'files'), instantMoves: true });
      session.engine.subscribe(new SessionRecorder().callback);
      session.engine.subscribe(new LiveTable(() => undefined, false, () => session.engine.scanState()).callback);
      for (const [label, req] of [['count 100,000', count], ['line_scan 10,000', line]] as const) {
        const r = await perPoint(() => session.scan(req));
        figures.push({ metric: `${label}, all subscribers: µs per point`, value: r.us, unit: 'µs' });
        figures.push({ metric: `${label}, all subscribers: points per second`, value: r.pps, unit: 'pt/s' });
      }
      await session.close();

      // Memory over a long timescan: heap after a GC, before and after 1,000,000 points (engine + live batching).
      const long = new Session({ dataDir: join(dir, 'long'), basePath: join(dir, 'files'), instantMoves: true });
      const gc = (globalThis as { gc?: () => void }).gc;
      gc?.();
      const before = process.memoryUsage().heapUsed;
      await long.scan({ type: 'timescan', points: 1_000_000, detectors: ['det'] });
      gc?.();
      const after = process.memoryUsage().heapUsed;
      await long.close();
      figures.push({ metric: `heap growth over a 1,000,000-point timescan${gc ? '' : ' (no --expose-gc: approximate)'}`, value: (after - before) / 2 ** 20, unit: 'MiB' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return figures;
  },
};
export default bench;
