// What the UI receives while a scan runs: scan.started with the start document, scan.batch carrying every point
// (batched, not one message per point), scan.progress with done/total, scan.finished with the report that
// getLastReport also returns — and the preview of a request before it runs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Events } from '../../../src/shared/api.ts';
import { Session } from '../../../src/main/session.ts';
import { waitFor } from '../../helpers/wait-for.ts';

let dir: string;
let s: Session;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'daq-live-'));
  s = new Session({ dataDir: join(dir, 'data'), basePath: join(dir, 'files'), instantMoves: true, save: false });
});
afterEach(async () => {
  await s.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('live scan events', () => {
  it('batches points without dropping any, reports progress, and ends with the report', async () => {
    const started: Events['scan.started'][] = [];
    const batches: Events['scan.batch'][] = [];
    const progress: Events['scan.progress'][] = [];
    const finished: Events['scan.finished'][] = [];
    s.on('scan.started', (e) => started.push(e));
    s.on('scan.batch', (e) => batches.push(e));
    s.on('scan.progress', (e) => progress.push(e));
    s.on('scan.finished', (e) => finished.push(e));
    const points = 600;
    const { uid, scanNumber } = await s.api.startScan({ type: 'line', motor: 'samx', start: -1, stop: 1, points, detectors: ['det', 'eiger1'] });
    expect(started).toHaveLength(1); // out before startScan resolved
    expect(started[0]!.start).toMatchObject({ uid, scan_number: scanNumber, plan_name: 'line_scan', num_points: points });
    expect(started[0]!.dataKeys.eiger1).toMatchObject({ shape: [512, 512] });
    await waitFor(() => finished.length > 0, { what: 'the scan.finished event' });
    expect(finished).toHaveLength(1);
    expect(finished[0]).toMatchObject({ uid, scanNumber, status: 'success', numPoints: points });
    expect(await s.api.getLastReport()).toEqual(finished[0]);

    // Every point is in exactly one batch, in order; at most ~30 messages a second, however long the scan took
    // (a count against the points alone failed on a loaded machine, where the same 600 points take longer).
    expect(batches.flatMap((b) => b.seq)).toEqual(Array.from({ length: points }, (_, i) => i + 1));
    expect(batches.flatMap((b) => b.columns.samx!)).toHaveLength(points);
    expect(batches.flatMap((b) => b.columns.det!)).toHaveLength(points);
    expect(batches.length).toBeLessThan(points);
    expect(batches.length).toBeLessThanOrEqual(Math.ceil((finished[0]!.elapsed * 1000) / 33) + 2);
    for (const b of batches) {
      expect(b.uid).toBe(uid);
      expect(b.columns).not.toHaveProperty('eiger1'); // arrays travel as the newest frame of the batch only
      expect((b.latest.eiger1 as Uint16Array).length).toBe(512 * 512);
    }
    expect(progress.at(-1)).toMatchObject({ uid, done: points, total: points });
    expect((await s.api.getScanState()).state).toBe('idle');
  });

  it('previews the positions of a request without running it', async () => {
    const p = await s.api.previewScan({ type: 'grid', snake: true, axes: [{ motor: 'samx', start: 0, stop: 1, points: 2 }, { motor: 'samy', start: 0, stop: 2, points: 3 }] });
    expect(p).toMatchObject({ motors: ['samx', 'samy'], numPoints: 6, truncated: false, title: 'grid_scan samx 0 1 2 samy 0 2 3 0 snake' });
    expect(p.positions).toEqual([[0, 0], [0, 1], [0, 2], [1, 2], [1, 1], [1, 0]]);
    const big = await s.api.previewScan({ type: 'count', points: 50_000 });
    expect(big).toMatchObject({ numPoints: 50_000, truncated: true });
    expect(await s.api.getLastReport()).toBeNull();
  });
});
