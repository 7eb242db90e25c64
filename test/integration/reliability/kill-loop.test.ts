// kill -9 at random moments, 20 times, during scans and during continuous saving: after each restart every file
// opens in plain h5py and h5dump, holds every point flushed before the kill (at most the last ~0.5 s lost), the
// catalog agrees with the files, and scan numbers never repeat.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSession } from '../../../src/main/session.ts';
import { python } from '../../helpers/python.ts';

const dir = mkdtempSync(join(tmpdir(), 'daq-kill-'));
const dataDir = join(dir, 'data');
const basePath = join(dir, 'files');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const KILLS = 20;

/** Starts a writer process; resolves with the times (ms) at which it reported points, once killed. */
function runAndKill(mode: 'scan' | 'grab', afterMs: number): Promise<{ times: number[]; killedAt: number }> {
  const script =
    mode === 'scan'
      ? `const { openSession } = await import('./src/main/session.ts');
         const s = await openSession({ dataDir: ${JSON.stringify(dataDir)}, basePath: ${JSON.stringify(basePath)}, instantMoves: true });
         s.engine.subscribe((d) => { if (d.name === 'event') process.stdout.write(Date.now() + '\\n'); });
         s.startScan({ type: 'timescan', expTime: 0.005, detectors: ['det', 'spectrum1'] });`
      : `const { openSession } = await import('./src/main/session.ts');
         const s = await openSession({ dataDir: ${JSON.stringify(dataDir)}, basePath: ${JSON.stringify(basePath)}, instantMoves: true });
         s.viewer.setExpTime('eiger1', 0.01);
         await s.api.setDoSave(true, 'eiger1');
         const saverRecord = s.saver.record.bind(s.saver);
         s.saver.record = (det, v, t) => { process.stdout.write(Date.now() + '\\n'); return saverRecord(det, v, t); };
         void s.viewer.grab('eiger1');`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const times: number[] = [];
  let buf = '';
  child.stdout.on('data', (d) => {
    buf += d;
    const lines = buf.split('\n');
    buf = lines.pop()!;
    for (const l of lines) times.push(Number(l));
  });
  return new Promise((resolve) => {
    // The kill moment (afterMs after the first point) is what varies between the kills, not a wait for readiness.
    const t = setInterval(() => {
      if (times.length > 0 && Date.now() - times[0]! >= afterMs) {
        clearInterval(t);
        child.kill('SIGKILL');
        const killedAt = Date.now();
        child.on('exit', () => resolve({ times, killedAt }));
      }
    }, 10);
  });
}

describe('kill -9, again and again', () => {
  it(`survives ${KILLS} kills at random moments during scans and continuous saving`, async () => {
    const seen = new Set<string>();
    for (let k = 0; k < KILLS; k++) {
      const mode = k % 2 === 0 ? 'scan' : 'grab';
      const { times, killedAt } = await runAndKill(mode, 300 + ((k * 7919) % 1200));
      const flushed = times.filter((t) => t < killedAt - 600).length;
      // The next start repairs what the kill left.
      const s = await openSession({ dataDir, basePath, instantMoves: true });
      expect(s.recovered, `kill ${k}`).toHaveLength(1);
      const rec = s.recovered[0]!;
      expect(rec.problem, `kill ${k}`).toBe('');
      expect(rec.points, `kill ${k} (${mode}): ${rec.points} points kept, ${flushed} flushed before the kill`).toBeGreaterThanOrEqual(flushed);
      if (mode === 'scan') {
        const row = await s.api.getScan(rec.uid);
        expect(row).toMatchObject({ exitStatus: 'fail', numPoints: rec.points, file: rec.file, entry: rec.entry });
      }
      await s.close();
      seen.add(`${rec.file}::${rec.entry}`);
      // Plain readers, no h5clear.
      const n = python<number>(`
import sys, json, h5py
e = h5py.File(sys.argv[1], 'r')[sys.argv[2]]
m = e['measurement']
lengths = {m[k].shape[0] for k in m}
assert len(lengths) == 1, lengths
assert e['exit_status'][()].decode() == 'fail'
print(json.dumps(lengths.pop()))`, rec.file, rec.entry);
      expect(n, `kill ${k}`).toBe(rec.points);
      expect(spawnSync('h5dump', ['-H', rec.file]).status, `kill ${k}`).toBe(0);
    }
    expect(seen.size).toBe(KILLS);
    // Scan numbers never repeated, and a rebuild from the files agrees with the catalog.
    const s = await openSession({ dataDir, basePath, instantMoves: true });
    const rows = (await s.api.searchHistory({ limit: 1000, sort: 'scanNumber', order: 'asc' })).rows;
    expect(rows).toHaveLength(KILLS / 2);
    expect(new Set(rows.map((r) => r.scanNumber)).size).toBe(rows.length);
    const rep = await s.api.rebuildCatalog();
    expect(rep.missing).toEqual([]);
    const after = (await s.api.searchHistory({ limit: 1000, sort: 'scanNumber', order: 'asc' })).rows;
    expect(after.map((r) => [r.uid, r.exitStatus, r.numPoints])).toEqual(rows.map((r) => [r.uid, r.exitStatus, r.numPoints]));
    await s.close();
  }, 300_000);
});
