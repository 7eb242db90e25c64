// Settings persist across restarts, refuse bad values with a clear message, and survive a corrupt file.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../src/main/dispatcher.ts';
import { Session } from '../../../src/main/session.ts';
import { SettingsStore } from '../../../src/main/settings.ts';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'daq-settings-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('settings', () => {
  it('persist across a restart of the app', async () => {
    const a = new Session({ dataDir: dir, instantMoves: true });
    await a.api.updateSettings({ continuous: { baseName: 'sample7', compression: 'gzip', level: 6 }, ui: { theme: 'dark' } });
    await a.close();
    const b = new Session({ dataDir: dir, instantMoves: true });
    const s = await b.api.getSettings();
    expect(s.continuous).toEqual({ baseName: 'sample7', compression: 'gzip', level: 6 });
    expect(s.ui.theme).toBe('dark');
    expect(s.ui.panel).toBe('viewer'); // untouched sections keep their defaults
    await b.api.updateSettings({ ui: { panel: 'history' } });
    await b.api.updateSettings({ ui: { theme: 'light' } });
    expect((await b.api.getSettings()).ui).toMatchObject({ panel: 'history', theme: 'light' }); // a patch never resets what it does not name
    await b.close();
  });

  it('uses the base path chosen in Settings unless --base-path is given', async () => {
    const chosen = join(dir, 'chosen');
    const a = new Session({ dataDir: dir });
    await a.api.updateSettings({ basePath: chosen });
    expect(a.basePath).toBe(chosen);
    expect((await a.api.getAppInfo()).basePath).toBe(chosen);
    const b = new Session({ dataDir: dir, basePath: join(dir, 'flag') });
    expect(b.basePath).toBe(join(dir, 'flag'));
    await a.close();
    await b.close();
  });

  it('refuses bad values at the boundary and keeps the old ones', async () => {
    const s = new Session({ dataDir: dir });
    const dispatch = createDispatcher(s);
    for (const patch of [{ continuous: { level: 12 } }, { continuous: { compression: 'lzf' } }, { continuous: { baseName: '../up' } }, { ui: { theme: 'pink' } }, { nonsense: 1 }]) {
      const r = await dispatch('updateSettings', [patch]);
      expect(r, JSON.stringify(patch)).toMatchObject({ ok: false, error: { code: 'BAD_ARGUMENTS' } });
    }
    expect((await s.api.getSettings()).continuous).toEqual({ baseName: 'Data', compression: 'none', level: 4 });
    await s.close();
  });

  it('keeps the compression of a settings file written before the codec choice (gzip stays gzip), and takes the new libraries', async () => {
    // The file as the app wrote it when only none and gzip existed.
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ basePath: '', continuous: { baseName: 'old', compression: 'gzip', level: 6 }, scan: { compression: 'gzip', level: 2, screenshotOnEnd: true, lastSetup: {} }, ui: { theme: 'light', panel: 'viewer', layout: {} } }));
    const store = new SettingsStore(dir);
    expect(store.warning).toBeUndefined();
    expect(store.get().continuous).toMatchObject({ compression: 'gzip', level: 6 });
    expect(store.get().scan).toMatchObject({ compression: 'gzip', level: 2 });
    const s = new Session({ dataDir: dir, instantMoves: true });
    const dispatch = createDispatcher(s);
    for (const compression of ['blosc-lz4', 'blosc-zstd', 'bitshuffle-lz4', 'lz4', 'bzip2']) {
      expect(await dispatch('setSaverOptions', [{ compression }]), compression).toMatchObject({ ok: true });
      expect(await dispatch('updateSettings', [{ scan: { compression } }]), compression).toMatchObject({ ok: true });
    }
    expect((await s.api.getViewerState()).saver).toMatchObject({ compression: 'bzip2', level: 6 });
    await s.close();
  });

  it('moves a corrupt settings file aside, uses defaults and says so', () => {
    writeFileSync(join(dir, 'settings.json'), '{ this is not json');
    const store = new SettingsStore(dir);
    expect(store.get().continuous.baseName).toBe('Data');
    expect(store.warning).toMatch(/unreadable.*moved to .*settings\.json\.bad-\d+/);
    expect(readdirSync(dir).some((f) => f.startsWith('settings.json.bad-'))).toBe(true);
  });

  it('reports an unwritable data folder with the path and what to do', () => {
    if (process.getuid?.() === 0) {
      // root ignores permission bits; a path under a regular file is unwritable for everyone.
      writeFileSync(join(dir, 'file'), '');
      expect(() => new Session({ dataDir: join(dir, 'file', 'data') })).toThrow(/Cannot create the data folder .*file\/data.*--data-dir/);
      return;
    }
    mkdirSync(join(dir, 'ro'));
    chmodSync(join(dir, 'ro'), 0o500);
    expect(() => new Session({ dataDir: join(dir, 'ro', 'data') })).toThrow(/Cannot create the data folder/);
    expect(existsSync(join(dir, 'ro', 'data'))).toBe(false);
  });
});
