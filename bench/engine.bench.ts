// Engine overhead: points per second and µs per point with exp_time 0 and instant moves — the engine alone
// (no subscriber) and with every subscriber the app attaches (live batching, catalog, CLI table, NeXus
// writer); heap growth over a 1,000,000-point timescan; how fast the simulated camera makes frames, and how long
// the event loop waits while a camera scan runs (frame generation must not block the thread serving the UI).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { RunEngine } from '../src/main/acquisition/engine.ts';
import { MetadataRegistry } from '../src/main/acquisition/metadata.ts';
import { buildPlan } from '../src/main/acquisition/plans.ts';
import { ScanNumbers } from '../src/main/acquisition/scan-numbers.ts';
import { LiveTable } from '../src/main/cli/live-table.ts';
import { loadInstrumentConfig } from '../src/main/instrument/config.ts';
import { Instrument } from '../src/main/instrument/instrument.ts';
import { Rng } from '../src/main/instrument/rng.ts';
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

/** A scan that did not succeed measures nothing: say why instead of printing a figure. */
function succeeded<R extends { status: string; reason: string; numPoints: number }>(r: R): R {
  if (r.status !== 'success') throw new Error(`a benchmark scan ended as ${r.status}: ${r.reason}`);
  return r;
}

/** A gc() without needing --expose-gc on the command line (that flag would also reach worker threads). */
function gcFunction(): (() => void) | undefined {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  try {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
  } catch {
    return undefined;
  }
}

async function perPoint(run: () => Promise<{ status: string; reason: string; numPoints: number }>): Promise<{ us: number; pps: number }> {
  succeeded(await run()); // warm-up
  const t0 = performance.now();
  const r = succeeded(await run());
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
      session.engine.subscribe(new LiveTable(() => undefined, false, () => session.engine.scanState()).callback);
      for (const [label, req] of [['count 100,000', count], ['line_scan 10,000', line]] as const) {
        const r = await perPoint(() => session.scan(req));
        figures.push({ metric: `${label}, all subscribers: µs per point`, value: r.us, unit: 'µs' });
        figures.push({ metric: `${label}, all subscribers: points per second`, value: r.pps, unit: 'pt/s' });
      }
      await session.close();

      // The camera: frames per second of eiger1 alone (512×512 uint16, spot + Poisson noise) ...
      const camera = engine['deps'].instrument.detector('eiger1');
      const ctx = { position: () => 0.5, expTime: 0, rng: new Rng(7) };
      for (let i = 0; i < 5; i++) camera.acquire(ctx);
      const frames = 200;
      const tf = performance.now();
      for (let i = 0; i < frames; i++) camera.acquire(ctx);
      const frameMs = (performance.now() - tf) / frames;
      figures.push({ metric: 'eiger1 512×512 uint16 frame generation: frames per second', value: 1000 / frameMs, unit: 'frames/s' });
      figures.push({ metric: 'eiger1 512×512 uint16 frame generation: ms per frame', value: frameMs, unit: 'ms' });
      // ... and the event loop while the engine runs a 300-frame camera scan (the engine yields every ~8 ms).
      const loop = monitorEventLoopDelay({ resolution: 1 });
      loop.enable();
      const cam = succeeded(await engine.run(buildPlan(ScanRequest.parse({ type: 'count', points: 300, detectors: ['eiger1'] }), here), { detectors: ['eiger1'], expTime: 0 }));
      loop.disable();
      figures.push({ metric: `count of ${cam.numPoints} eiger1 frames, engine alone: frames per second`, value: cam.numPoints / cam.elapsed, unit: 'frames/s' });
      figures.push({ metric: 'event-loop delay during that camera scan: p99', value: loop.percentile(99) / 1e6, unit: 'ms', target: '< 50 ms', pass: loop.percentile(99) / 1e6 < 50 });
      figures.push({ metric: 'event-loop delay during that camera scan: max', value: loop.max / 1e6, unit: 'ms' });

      // Memory over a long timescan: heap after a GC, before and after 1,000,000 points (engine + live batching).
      const long = new Session({ dataDir: join(dir, 'long'), basePath: join(dir, 'files'), instantMoves: true });
      const gc = gcFunction();
      gc?.();
      const before = process.memoryUsage().heapUsed;
      succeeded(await long.scan({ type: 'timescan', points: 1_000_000, detectors: ['det'] }));
      gc?.();
      const after = process.memoryUsage().heapUsed;
      await long.close();
      figures.push({ metric: `heap growth over a 1,000,000-point timescan${gc ? '' : ' (no gc available: approximate)'}`, value: (after - before) / 2 ** 20, unit: 'MiB' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return figures;
  },
};
export default bench;
