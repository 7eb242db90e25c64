// The base path decides where every data file goes, so it is checked wherever it comes from (#11 item 7): the
// Settings panel / Api, --base-path, DAQ_BASE_PATH and a saved settings.json. It must be absolute, normalized, not
// under /proc, /sys or /dev (also not through a symlink), without NUL, and writable before it is saved; a bad saved
// value falls back to the default with a warning instead of hanging the next start.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../src/main/dispatcher.ts';
import { openSession } from '../../../src/main/session.ts';

const dir = mkdtempSync(join(tmpdir(), 'daq-base-path-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const BAD: [string, RegExp][] = [
  ['/proc/self/daq', /cannot be under \/proc/],
  ['/sys/kernel/daq', /cannot be under \/sys/],
  ['/dev/shm/../daq', /cannot be under \/dev/],
  ['/tmp/../proc/1', /cannot be under \/proc/],
  ['relative/data', /absolute folder path/],
  ['./data', /absolute folder path/],
  ['/tmp/a\u0000b', /NUL/],
];

describe('the base path from the Api (Settings panel)', () => {
  it('refuses relative, NUL, /proc, /sys, /dev (also through a symlink) and unwritable folders before saving; the app keeps answering', async () => {
    const data = join(dir, 'api-data');
    const s = await openSession({ dataDir: data, instantMoves: true });
    const dispatch = createDispatcher(s);
    const before = (await s.api.getSettings()).basePath;
    const link = join(dir, 'link-to-proc');
    symlinkSync('/proc/self', link);
    const readOnly = join(dir, 'read-only');
    mkdirSync(readOnly);
    const cases: [string, RegExp][] = [...BAD, [join(link, 'daq'), /leads to \/proc\/.*cannot be under \/proc/]];
    // root writes anywhere, so an unwritable folder is only testable as another user.
    if (process.getuid?.() !== 0) {
      chmodSync(readOnly, 0o500);
      cases.push([join(readOnly, 'sub'), /not writable/]);
    }
    for (const [path, message] of cases) {
      const started = Date.now();
      const r = await dispatch('updateSettings', [{ basePath: path }]);
      expect(r, path).toMatchObject({ ok: false, error: { code: 'BAD_ARGUMENTS' } });
      if (!r.ok) expect(r.error.message, path).toMatch(message);
      expect(Date.now() - started, path).toBeLessThan(5000);
      expect((await s.api.getSettings()).basePath).toBe(before);
    }
    expect(existsSync(s.settings.file) ? JSON.parse(readFileSync(s.settings.file, 'utf8')).basePath : '').toBe(before);
    // A good one is stored normalized, and data goes there.
    const good = join(dir, 'files', 'sub', '..', 'good') + '/';
    expect(await dispatch('updateSettings', [{ basePath: good }])).toMatchObject({ ok: true, value: { basePath: join(dir, 'files', 'good') } });
    const report = await s.scan({ type: 'count', points: 1 });
    expect(report.file.startsWith(join(dir, 'files', 'good') + '/')).toBe(true);
    await s.close();
  });

  it('falls back to the default with a warning when the saved base path is bad, instead of hanging', async () => {
    const data = join(dir, 'saved-data');
    mkdirSync(data, { recursive: true });
    for (const saved of ['/proc/self/task/daq', 'relative/folder', '/tmp/x\u0000y']) {
      writeFileSync(join(data, 'settings.json'), JSON.stringify({ basePath: saved, ui: { theme: 'dark' } }));
      const home = join(dir, 'home');
      const env = { ...process.env, HOME: home, DAQ_BASE_PATH: '' };
      const started = Date.now();
      const res = spawnSync(process.execPath, ['bin/daq.mjs', 'scan', 'count', '1', '--json', '--data-dir', data], { encoding: 'utf8', timeout: 60_000, env });
      expect(res.status, `${saved}: ${res.stderr}`).toBe(0);
      expect(Date.now() - started).toBeLessThan(30_000);
      expect(res.stderr).toMatch(/warning: The saved base path cannot be used .*; data goes to .*daq-data until you choose another folder in Settings/);
      const report = JSON.parse(res.stdout) as { file: string; status: string };
      expect(report.status).toBe('success');
      expect(report.file.startsWith(join(home, 'daq-data') + '/')).toBe(true);
      // The other settings were kept.
      expect(JSON.parse(readFileSync(join(data, 'settings.json'), 'utf8')).ui.theme).toBe('dark');
    }
  });
});

describe('the base path from --base-path and DAQ_BASE_PATH', () => {
  it('gets the same checks: a sentence and exit 1, never a hang', () => {
    for (const [path, message] of BAD.filter(([p]) => !p.includes('\u0000') && !p.startsWith('.') && !p.startsWith('relative'))) {
      const viaFlag = spawnSync(process.execPath, ['bin/daq.mjs', 'scan', 'count', '1', '--data-dir', join(dir, 'flag-data'), '--base-path', path], { encoding: 'utf8', timeout: 60_000 });
      expect(viaFlag.status, `${path}: ${viaFlag.stderr}`).toBe(1);
      expect(viaFlag.stderr).toMatch(/--base-path: /);
      expect(viaFlag.stderr).toMatch(message);
      const viaEnv = spawnSync(process.execPath, ['bin/daq.mjs', 'scan', 'count', '1', '--data-dir', join(dir, 'flag-data')], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, DAQ_BASE_PATH: path } });
      expect(viaEnv.status, `${path}: ${viaEnv.stderr}`).toBe(1);
      expect(viaEnv.stderr).toMatch(/DAQ_BASE_PATH: /);
      expect(viaEnv.stderr).toMatch(message);
    }
  });

  it('takes a relative path on the command line relative to the shell folder (checked and normalized)', () => {
    const res = spawnSync(process.execPath, [join(process.cwd(), 'bin/daq.mjs'), 'scan', 'count', '1', '--json', '--data-dir', join(dir, 'rel-data'), '--base-path', 'out/./x/..'], { encoding: 'utf8', timeout: 60_000, cwd: dir });
    expect(res.status, res.stderr).toBe(0);
    expect((JSON.parse(res.stdout) as { file: string }).file.startsWith(join(dir, 'out') + '/')).toBe(true);
  });
});
