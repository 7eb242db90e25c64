// Settings are events (#12 item 5): after any change every view learns the effective settings — including the
// base path data goes to now and where it comes from — from one 'settings.changed' event, and base path, base
// name and compression are set through one call, checked by the same rules as before.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EffectiveSettings } from '../../../src/shared/settings.ts';
import { baseNameProblem } from '../../../src/shared/settings.ts';
import { createDispatcher } from '../../../src/main/dispatcher.ts';
import { Session } from '../../../src/main/session.ts';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'daq-settings-events-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('settings.changed', () => {
  it('carries the effective base path and its source after the Viewer changes it, and after the base name changes', async () => {
    const s = new Session({ dataDir: join(dir, 'data'), basePath: join(dir, 'flag'), instantMoves: true });
    const seen: EffectiveSettings[] = [];
    s.on('settings.changed', (e) => seen.push(e));
    expect(await s.api.getEffectiveSettings()).toMatchObject({ basePath: join(dir, 'flag'), basePathSource: 'flag' });
    const now = await s.api.setSaving({ basePath: join(dir, 'chosen'), baseName: 'sample7', compression: 'gzip', level: 5 });
    expect(now).toMatchObject({ basePath: join(dir, 'chosen'), basePathSource: 'settings', settings: { basePath: join(dir, 'chosen'), continuous: { baseName: 'sample7', compression: 'gzip', level: 5 } } });
    expect(seen.at(-1)).toEqual(now);
    expect(s.basePath).toBe(join(dir, 'chosen'));
    // The old methods (the UI still uses them) publish the same event.
    await s.api.setSaverOptions({ baseName: 'sample8' });
    expect(seen.at(-1)?.settings.continuous.baseName).toBe('sample8');
    await s.api.updateSettings({ basePath: '' });
    expect(seen.at(-1)).toMatchObject({ basePathSource: 'default' });
    expect(seen).toHaveLength(3);
    await s.close();
  });

  it('names DAQ_BASE_PATH as the source when the environment sets it', async () => {
    process.env.DAQ_BASE_PATH = join(dir, 'env');
    try {
      const s = new Session({ dataDir: join(dir, 'data'), instantMoves: true });
      expect(await s.api.getEffectiveSettings()).toMatchObject({ basePath: join(dir, 'env'), basePathSource: 'environment' });
      await s.close();
    } finally {
      delete process.env.DAQ_BASE_PATH;
    }
  });

  it('refuses a bad base name or base path in the one call, changing nothing', async () => {
    const s = new Session({ dataDir: join(dir, 'data'), instantMoves: true });
    const dispatch = createDispatcher(s);
    const before = await s.api.getEffectiveSettings();
    const r = await dispatch('setSaving', [{ baseName: '.hidden', basePath: join(dir, 'x') }]);
    expect(r).toMatchObject({ ok: false, error: { code: 'BAD_ARGUMENTS' } });
    expect(baseNameProblem('.hidden')).toMatch(/must not start with "."/);
    expect(baseNameProblem('a b')).toMatch(/letters, digits/);
    expect(baseNameProblem('Data_1.v2')).toBeUndefined();
    const bad = await dispatch('setSaving', [{ basePath: '/proc/self/daq' }]);
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_ARGUMENTS' } });
    expect(await s.api.getEffectiveSettings()).toEqual(before);
    await s.close();
  });
});
