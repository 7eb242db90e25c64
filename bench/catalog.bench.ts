// Catalog figures with 100,000 scans in a real SQLite file (generated rows): median and p99 of at(-1), a uid-prefix
// lookup, a time-range + plan search and the first page of the History table; and the rebuild time per 1,000
// files (real HDF5 files written by our writer).
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Catalog, type UpsertScan } from '../src/main/catalog/catalog.ts';
import { rebuildCatalog } from '../src/main/catalog/rebuild.ts';
import { openSession } from '../src/main/session.ts';
import { summarize, type Benchmark, type Figure } from './harness.ts';

const N = 100_000;
const PLANS = ['line_scan', 'grid_scan', 'count', 'timescan', 'list_scan', 'rel_line_scan'];
const MOTORS = ['samx', 'samy', 'samz', 'omega', 'chi', 'phi', 'ttheta'];

function time(fn: () => unknown, n: number): { median: number; p99: number } {
  for (let i = 0; i < 20; i++) fn();
  const t: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    fn();
    t.push(performance.now() - t0);
  }
  return summarize(t);
}

const bench: Benchmark = {
  name: 'catalog',
  async run(): Promise<Figure[]> {
    const dir = mkdtempSync(join(tmpdir(), 'daq-bench-catalog-'));
    const figures: Figure[] = [];
    try {
      const cat = new Catalog(dir);
      const t0 = Date.UTC(2025, 0, 1) / 1000;
      const uids: string[] = [];
      cat.db.transaction(() => {
        for (let i = 0; i < N; i++) {
          const uid = randomUUID();
          uids.push(uid);
          const motor = MOTORS[i % MOTORS.length]!;
          const row: UpsertScan = {
            uid, scanNumber: i + 1, planName: PLANS[i % PLANS.length]!, title: `${PLANS[i % PLANS.length]} ${motor} -1 1 11 0.1`, status: 'finished', exitStatus: i % 17 === 0 ? 'abort' : 'success', reason: '',
            startTime: t0 + i * 300, endTime: t0 + i * 300 + 60, numPoints: 11, file: `/data/2025/Dataset_${i}.h5`, entry: `${i + 1}.1`, motors: [motor], detectors: ['det', 'diode1'], md: { sample: { name: `S${i % 50}` } }, planArgs: {}, seed: i,
          };
          cat.upsert(row);
        }
      })();
      const add = (metric: string, r: { median: number; p99: number }, target: number) => {
        figures.push({ metric: `${metric} (median)`, value: r.median, unit: 'ms', target: `< ${target} ms`, pass: r.median < target });
        figures.push({ metric: `${metric} (p99)`, value: r.p99, unit: 'ms' });
      };
      add('at(-1) with 100,000 scans', time(() => cat.at(-1), 500), 5);
      let k = 0;
      add('uid-prefix lookup (8 characters)', time(() => cat.byUid(uids[(k += 7919) % N]!.slice(0, 8)), 500), 5);
      add('time range (one week) + plan search', time(() => cat.search({ since: t0 + (k += 3601) % (N * 250), until: t0 + (k % (N * 250)) + 7 * 86400, plan: 'line_scan', limit: 100 }), 200), 5);
      add('first page of the History table (100 rows, newest first, with total)', time(() => cat.search({ limit: 100, sort: 'startTime', order: 'desc' }), 200), 20);
      cat.close();

      // Rebuild: real files from our writer, 1,000 scans in 50 dataset files.
      const s = await openSession({ dataDir: join(dir, 'data'), basePath: join(dir, 'files'), instantMoves: true });
      for (let i = 0; i < 1000; i++) {
        if (i % 20 === 0) s.writer!.newDataset();
        await s.scan({ type: 'count', points: 10, detectors: ['det'] });
      }
      const t = performance.now();
      const rep = await rebuildCatalog(s.catalog, s.basePath);
      const ms = performance.now() - t;
      await s.close();
      figures.push({ metric: `rebuild: ${rep.scans} scans in ${rep.files} files`, value: ms / 1000, unit: 's' });
      figures.push({ metric: 'rebuild time per 1,000 files (20 scans per file)', value: ms / rep.files, unit: 's' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return figures;
  },
};
export default bench;
