// No file, however damaged, can freeze the app: a scan file cut after 100 bytes makes h5wasm spin forever, so the
// Browser reads in a worker thread with a time budget. Past it the thread is terminated, the user gets "cannot be
// opened: it is damaged or truncated", the backend kept answering meanwhile, and the next read works in a fresh
// thread (files open before are reopened under their ids). The whole app (`daq browse`) gives the sentence too.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserReader } from '../../../src/main/h5browse/browser-reader.ts';
import { Session } from '../../../src/main/session.ts';

let dir: string;
let good: string;
let cut: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'daq-reader-budget-'));
  const s = new Session({ dataDir: join(dir, 'data'), basePath: join(dir, 'files'), instantMoves: true });
  try {
    const report = await (await s.startScan({ type: 'count', points: 5, expTime: 0.001, detectors: ['det'] })).done;
    good = report.file!;
  } finally {
    await s.close();
  }
  cut = join(dir, 'cut-after-100-bytes.h5');
  writeFileSync(cut, readFileSync(good).subarray(0, 100));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the Browser reader’s time budget', () => {
  it('gives up on a file that makes h5wasm spin, with the documented sentence, and the app keeps answering', async () => {
    const reader = new BrowserReader({ budgetMs: 2_000 });
    try {
      const first = await reader.open(good);
      expect((await reader.children(first.id, '/')).length).toBeGreaterThan(0);

      // The thread that serves the UI stays free: a 20 ms timer keeps firing while the reader spins.
      let last = performance.now();
      let worstGap = 0;
      const tick = setInterval(() => {
        const now = performance.now();
        worstGap = Math.max(worstGap, now - last);
        last = now;
      }, 20);
      const t0 = performance.now();
      try {
        await expect(reader.open(cut)).rejects.toMatchObject({ code: 'IO_ERROR', message: expect.stringContaining(`${cut} cannot be opened: it is damaged or truncated`) });
      } finally {
        clearInterval(tick);
      }
      expect(performance.now() - t0).toBeLessThan(10_000);
      expect(worstGap).toBeLessThan(1_000);
      expect(reader.list().map((f) => f.file)).toEqual([good]);

      // A fresh thread: the file opened before still reads under its id, and new files open.
      expect((await reader.children(first.id, '/')).length).toBeGreaterThan(0);
      const again = await reader.open(good);
      expect((await reader.defaultPlot(again.id, '/'))?.signal.path).toBeTruthy();
      // And the damaged file gives the same sentence every time, never a freeze.
      await expect(reader.open(cut)).rejects.toThrow(/cannot be opened: it is damaged or truncated/);
    } finally {
      await reader.dispose();
    }
  });

  it('`daq browse` on such a file ends with the sentence instead of hanging', async () => {
    const child = spawn(process.execPath, ['bin/daq.mjs', 'browse', cut, '--data-dir', join(dir, 'cli-data'), '--base-path', join(dir, 'cli-files')], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    child.stderr!.on('data', (d) => (out += d));
    const killer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    const code = await new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
    clearTimeout(killer);
    expect(out).toMatch(/cannot be opened: it is damaged or truncated/);
    expect(code).toBe(1);
  }, 120_000);
});
