// Continuous saving and scans on a full disk (#11 item 10), on a real small tmpfs: the saver stops with the
// documented sentence ("No space left on device for <file> …") and closes the file at once, so plain h5py (no
// SWMR) and h5dump open it while Do Save is still on; the closing metadata is written only where it fits (also
// when the reserve the writer keeps is used up by someone else); framesSaved is the number of frames in the file;
// a scan or Do Save on a completely full disk gives the same sentence, not a raw ENOSPC; and the next start does
// not "repair" a file the writer closed itself after the disk filled (it left the journal).
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SaverStatus } from '../../../src/shared/viewer.ts';
import { openSession, type Session } from '../../../src/main/session.ts';
import { KILLED_REASON } from '../../../src/main/storage/recovery.ts';
import { python } from '../../helpers/python.ts';

const dir = mkdtempSync(join(tmpdir(), 'daq-disk-full-'));
const mounts: string[] = [];
let skipReason = '';

/** A fresh tmpfs of `mb` MB, or undefined (with the reason kept) where mounting is impossible. */
function smallDisk(name: string, mb: number): string | undefined {
  const mnt = join(dir, name);
  mkdirSync(mnt);
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${mb}m`, 'tmpfs', mnt], { encoding: 'utf8' });
  if (r.status !== 0) {
    skipReason = `cannot mount a ${mb} MB tmpfs here (${(r.stderr || r.error?.message || 'not root').trim()}); the disk-full cases run in CI as root`;
    return undefined;
  }
  mounts.push(mnt);
  return mnt;
}

/** Fills a disk to the last byte (a filler file written until ENOSPC). */
function fillUp(mnt: string, name = 'filler'): void {
  const fd = openSync(join(mnt, name), 'a');
  const chunk = Buffer.alloc(64 * 1024, 1);
  const small = Buffer.alloc(4096, 1);
  try {
    for (;;) writeSync(fd, chunk);
  } catch {
    try {
      for (;;) writeSync(fd, small);
    } catch {
      // full
    }
  } finally {
    closeSync(fd);
  }
}

beforeAll(() => {
  if (process.platform !== 'linux') skipReason = 'tmpfs mounts are Linux only';
});

afterAll(() => {
  for (const m of mounts) spawnSync('umount', ['-l', m]);
  rmSync(dir, { recursive: true, force: true });
});

const READ = `
import sys, json, h5py
f = h5py.File(sys.argv[1], 'r')
e = f['1.1']
out = {'frames': e['instrument/' + sys.argv[2] + '/data'].shape[0], 'keys': sorted(e.keys())}
for k in ['end_time', 'exit_status', 'num_points']:
    if k in e: out[k] = e[k][()].decode() if isinstance(e[k][()], bytes) else int(e[k][()]) if k == 'num_points' else str(e[k][()])
print(json.dumps(out))`;

function until(s: Session, pred: (st: SaverStatus) => boolean, what: string, ms = 60_000): Promise<SaverStatus> {
  return new Promise((resolve, reject) => {
    const now = s.saver.status();
    if (pred(now)) return resolve(now);
    const t = setTimeout(() => (off(), reject(new Error(`timed out waiting for ${what}: ${JSON.stringify(s.saver.status())}`))), ms);
    const off = s.on('saver.status', (st) => {
      if (pred(st)) {
        clearTimeout(t);
        off();
        resolve(st);
      }
    });
  });
}

function h5dump(file: string) {
  return spawnSync('h5dump', ['-H', file], { encoding: 'utf8', timeout: 60_000 });
}

describe('continuous saving on a full disk', () => {
  it('stops with the documented message, closes the file at once (h5py and h5dump open it with Do Save still on), with its end state, and framesSaved = frames in the file', async (ctx) => {
    const mnt = smallDisk('reserve-kept', 8);
    if (!mnt) {
      console.log(`disk-full test skipped: ${skipReason}`);
      return ctx.skip();
    }
    const s = await openSession({ dataDir: join(dir, 'data1'), basePath: mnt, instantMoves: true });
    s.viewer.setExpTime('eiger1', 0.02);
    const on = await s.api.setDoSave(true, 'eiger1');
    const file = on.currentPath;
    void s.viewer.grab('eiger1');
    const stopped = await until(s, (st) => st.error !== '' && st.currentPath === '', 'the saver to stop and close its file');
    await s.viewer.stop('eiger1');
    expect(stopped.error).toMatch(new RegExp(`^No space left on device for ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(\\d+ kB free`));
    expect(stopped.doSave).toBe(false);
    const got = python<{ frames: number; exit_status?: string; end_time?: string; num_points?: number }>(READ, file, 'eiger1');
    expect(got.frames).toBeGreaterThan(0);
    expect(stopped.framesSaved).toBe(got.frames);
    expect(got.exit_status).toBe('fail');
    expect(got.end_time).toBeTruthy();
    expect(got.num_points).toBe(got.frames);
    const dump = h5dump(file);
    expect(dump.status, dump.stderr).toBe(0);
    // Do Save off afterwards changes nothing, and the app goes on.
    const off = await s.api.setDoSave(false);
    expect(off.framesSaved).toBe(got.frames);
    expect(python<{ frames: number }>(READ, file, 'eiger1').frames).toBe(got.frames);
    await s.close();
  }, 120_000);

  it('when the reserve is used up too, writes no closing metadata that does not fit: h5py and h5dump still open the file, framesSaved = frames in it', async (ctx) => {
    const mnt = smallDisk('reserve-gone', 8);
    if (!mnt) {
      console.log(`disk-full test skipped: ${skipReason}`);
      return ctx.skip();
    }
    const s = await openSession({ dataDir: join(dir, 'data2'), basePath: mnt, instantMoves: true });
    s.viewer.setExpTime('spectrum1', 0.01);
    const on = await s.api.setDoSave(true, 'spectrum1');
    const file = on.currentPath;
    void s.viewer.grab('spectrum1');
    await until(s, (st) => st.framesSaved >= 5, 'a few frames on disk');
    // Another program takes every byte left, the writer's reserve included.
    fillUp(mnt);
    const stopped = await until(s, (st) => st.error !== '' && st.currentPath === '', 'the saver to stop and close its file');
    await s.viewer.stop('spectrum1');
    expect(stopped.error).toMatch(/^No space left on device for /);
    expect(stopped.error).toContain(file);
    const got = python<{ frames: number; keys: string[]; exit_status?: string; end_time?: string }>(READ, file, 'spectrum1');
    expect(got.frames).toBeGreaterThanOrEqual(5);
    expect(stopped.framesSaved).toBe(got.frames);
    // No end state was squeezed in: the entry is an unfinished (but readable) run.
    expect(got.end_time).toBeUndefined();
    const dump = h5dump(file);
    expect(dump.status, dump.stderr).toBe(0);
    await s.api.setDoSave(false);
    await s.close();
  }, 120_000);
});

describe('the next start after a full-disk close', () => {
  it('finds nothing to repair: the writer closed the file itself, so it left the journal and its state is not rewritten', async (ctx) => {
    const mnt = smallDisk('next-start', 8);
    if (!mnt) {
      console.log(`disk-full test skipped: ${skipReason}`);
      return ctx.skip();
    }
    const dataDir = join(dir, 'data4');
    // The first session runs in its own process, as the app would (a journal entry of a live process is never
    // repaired, so the next start must be another process too). It saves until another program fills the disk.
    const script = `
      import { closeSync, openSync, writeSync } from 'node:fs';
      const { openSession } = await import('./src/main/session.ts');
      const s = await openSession({ dataDir: ${JSON.stringify(dataDir)}, basePath: ${JSON.stringify(mnt)}, instantMoves: true });
      const until = (pred) => new Promise((resolve) => {
        if (pred(s.saver.status())) return resolve();
        const off = s.on('saver.status', (st) => pred(st) && (off(), resolve()));
      });
      s.viewer.setExpTime('spectrum1', 0.01);
      const on = await s.api.setDoSave(true, 'spectrum1');
      void s.viewer.grab('spectrum1');
      await until((st) => st.framesSaved >= 5);
      const fd = openSync(${JSON.stringify(join(mnt, 'filler'))}, 'a');
      try { for (;;) writeSync(fd, Buffer.alloc(4096, 1)); } catch { /* full */ } finally { closeSync(fd); }
      await until((st) => st.error !== '' && st.currentPath === '');
      await s.viewer.stop('spectrum1');
      await s.api.setDoSave(false);
      await s.close();
      process.stdout.write(JSON.stringify({ file: on.currentPath }) + '\\n');`;
    const first = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 100_000 });
    expect(first.status, first.stderr).toBe(0);
    const { file } = JSON.parse(first.stdout.trim().split('\n').pop()!) as { file: string };
    const journal = join(dataDir, 'open-scans.json');
    expect(JSON.parse(readFileSync(journal, 'utf8'))).toEqual([]);
    const state = `
import sys, json, h5py
e = h5py.File(sys.argv[1], 'r')['1.1']
print(json.dumps({k: (e[k][()].decode() if isinstance(e[k][()], bytes) else str(e[k][()])) for k in ['end_time', 'exit_status', 'exit_reason'] if k in e}))`;
    const before = python<Record<string, string>>(state, file);
    // Room again (the other program's file is gone): a repair, if one ran, would now write its end state.
    rmSync(join(mnt, 'filler'));
    const s = await openSession({ dataDir, basePath: mnt, instantMoves: true });
    try {
      expect(s.recovered).toEqual([]);
      expect(s.startupWarnings.join('\n')).not.toContain(file);
    } finally {
      await s.close();
    }
    const after = python<Record<string, string>>(state, file);
    expect(after).toEqual(before);
    expect(after.exit_reason ?? '').not.toBe(KILLED_REASON);
  }, 120_000);
});

describe('a scan or Do Save on a completely full disk', () => {
  it('fails with the documented sentence, not a raw ENOSPC, and works again once there is room', async (ctx) => {
    const mnt = smallDisk('full', 4);
    if (!mnt) {
      console.log(`disk-full test skipped: ${skipReason}`);
      return ctx.skip();
    }
    const s = await openSession({ dataDir: join(dir, 'data3'), basePath: mnt, instantMoves: true });
    // The day folder exists (as after an earlier scan today); then the disk fills.
    const first = await s.scan({ type: 'count', points: 2 });
    expect(first.status).toBe('success');
    await s.api.newDataset();
    fillUp(mnt);
    // However the engine reports it (a failed scan or a refused start), it is the documented sentence.
    const why = await s.scan({ type: 'count', points: 3 }).then(
      (r) => (expect(r.status).toBe('fail'), r.reason),
      (err: Error) => err.message,
    );
    expect(why).toMatch(/No space left on device for .*\(\d+ kB free/);
    expect(why).not.toMatch(/ENOSPC|no space left on device, write/);
    await expect(s.api.setDoSave(true, 'eiger1')).rejects.toMatchObject({ code: 'IO_ERROR', message: expect.stringMatching(/No space left on device for /) });
    expect(s.saver.status().error).not.toMatch(/ENOSPC/);
    rmSync(join(mnt, 'filler'));
    expect((await s.scan({ type: 'count', points: 2 })).status).toBe('success');
    await s.close();
  }, 120_000);
});
