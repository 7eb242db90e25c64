// User data the backend stores and writes (session metadata, scan `md`, settings layouts) cannot bend the
// process: prototype names ("__proto__", "constructor", "prototype") are refused with a clear error on every path
// (dispatcher = IPC/WebSocket, the in-process Api the CLI and scripts use, the CLI itself, a stored
// metadata.json), nesting is limited to 32 levels and size to 64 kB, and the next call works.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../src/main/dispatcher.ts';
import { openSession, type Session } from '../../../src/main/session.ts';
import { MAX_DEPTH } from '../../../src/shared/user-data.ts';

const dir = mkdtempSync(join(tmpdir(), 'daq-user-data-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
async function fresh(): Promise<Session> {
  n += 1;
  return openSession({ dataDir: join(dir, `data${n}`), basePath: join(dir, `files${n}`), instantMoves: true });
}

/** {a: {a: … value}} `depth` levels deep (depth 0 is the value itself). */
function nested(depth: number, leaf: unknown = 1, array = false): unknown {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = array ? [v] : { a: v };
  return v;
}

function daq(args: string[], data: string, files: string) {
  return spawnSync(process.execPath, ['bin/daq.mjs', ...args, '--instant-moves', '--data-dir', data, '--base-path', files], { encoding: 'utf8', timeout: 60_000 });
}

function noPollution() {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
}

describe('prototype names in user data (#11 item 5)', () => {
  it('refuses setMetadata("constructor", "prototype", …) and setMetadata("__proto__", …) with a clear error; scans and settings keep working', async () => {
    const s = await fresh();
    const dispatch = createDispatcher(s);
    for (const [c, k] of [['constructor', 'prototype'], ['__proto__', 'polluted'], ['sample', '__proto__'], ['sample', 'constructor@mm'], ['prototype', 'x']]) {
      const r = await dispatch('setMetadata', [c, k, { polluted: 1 }]);
      expect(r, `${c}/${k}`).toMatchObject({ ok: false, error: { code: 'BAD_ARGUMENTS' } });
      if (!r.ok) expect(r.error.message).toMatch(/cannot be used as a name \(it is reserved by JavaScript\); choose another name/);
      // The in-process Api (CLI, scripts) takes the same checks.
      await expect(s.api.setMetadata(c!, k!, 1)).rejects.toMatchObject({ code: 'BAD_ARGUMENTS' });
    }
    noPollution();
    expect(await s.api.listMetadata()).toEqual([]);
    const report = await s.scan({ type: 'count', points: 2 });
    expect(report.status).toBe('success');
    expect(await dispatch('updateSettings', [{ ui: { theme: 'dark' } }])).toMatchObject({ ok: true });
    expect(await dispatch('searchHistory', [{}])).toMatchObject({ ok: true });
    await s.close();
  });

  it('refuses prototype names at any depth of a value, of md (Api and `daq scan --md`), of a history search and of settings layouts', async () => {
    const s = await fresh();
    const dispatch = createDispatcher(s);
    const hostile = [JSON.parse('{"__proto__": {"polluted": 1}}'), { constructor: { prototype: { polluted: 1 } } }, { sample: { deep: [{ ok: 1 }, JSON.parse('{"__proto__": 1}')] } }, { prototype: 1 }];
    for (const value of hostile) {
      const v = await dispatch('setMetadata', ['sample', 'name', value]);
      expect(v).toMatchObject({ ok: false, error: { code: 'BAD_ARGUMENTS' } });
      if (!v.ok) expect(v.error.message).toMatch(/cannot be used as a name/);
      await expect(s.api.setMetadata('sample', 'name', value)).rejects.toMatchObject({ code: 'BAD_ARGUMENTS' });
      for (const m of ['startScan', 'previewScan']) {
        const r = await dispatch(m, [{ type: 'count', points: 1, md: value }]);
        expect(r, m).toMatchObject({ ok: false, error: { code: 'BAD_ARGUMENTS' } });
        if (!r.ok) expect(r.error.message).toMatch(/cannot be used as a name/);
      }
      expect(await dispatch('updateSettings', [{ scan: { lastSetup: value } }])).toMatchObject({ ok: false, error: { code: 'BAD_ARGUMENTS' } });
      expect(await dispatch('updateSettings', [{ ui: { layout: value } }])).toMatchObject({ ok: false, error: { code: 'BAD_ARGUMENTS' } });
    }
    expect(await dispatch('searchHistory', [{ md: JSON.parse('{"constructor.prototype": "x"}') }])).toMatchObject({ ok: false, error: { code: 'BAD_ARGUMENTS' } });
    await expect(s.scan({ type: 'count', points: 1, md: JSON.parse('{"a": {"__proto__": {"polluted": 1}}}') })).rejects.toMatchObject({ code: 'BAD_ARGUMENTS' });
    noPollution();
    expect((await s.scan({ type: 'count', points: 1, md: { sample: { name: 'Si' } } })).status).toBe('success');
    expect(existsSync(s.settings.file) ? JSON.parse(readFileSync(s.settings.file, 'utf8')).scan.lastSetup : {}).toEqual({});
    await s.close();

    const res = daq(['scan', 'count', '1', '--md', '{"a": {"constructor": {"prototype": {"polluted": 1}}}}'], join(dir, 'cli-data'), join(dir, 'cli-files'));
    expect(res.status, res.stderr).toBe(1);
    expect(res.stderr).toMatch(/cannot be used as a name/);
    expect(res.stderr).not.toMatch(/unexpected error|\n\s+at /);
    const set = daq(['metadata', 'set', 'constructor', 'prototype', '{"a": 1}'], join(dir, 'cli-data'), join(dir, 'cli-files'));
    expect(set.status, set.stderr).toBe(2);
    expect(set.stderr).toMatch(/reserved by JavaScript/);
  });

  it('keeps user categories and names away from prototypes when a scan collects them ("toString", "valueOf")', async () => {
    const s = await fresh();
    const before = Object.getOwnPropertyNames(Object.prototype.toString).sort();
    await s.api.setMetadata('toString', 'valueOf', 12);
    await s.api.setMetadata('hasOwnProperty', 'call', 'x');
    const r = await s.scan({ type: 'count', points: 1 });
    expect(r.status).toBe('success');
    expect(Object.getOwnPropertyNames(Object.prototype.toString).sort()).toEqual(before);
    expect(Object.prototype.hasOwnProperty.call(Object.prototype.hasOwnProperty, 'call')).toBe(false);
    const row = s.catalog.resolve('-1');
    expect(row.md).toMatchObject({ toString: { valueOf: 12 }, hasOwnProperty: { call: 'x' } });
    await s.close();
  });

  it('repairs a stored metadata.json holding such keys at start instead of replaying them', async () => {
    const data = join(dir, 'stored-data');
    mkdirSync(data, { recursive: true });
    const stored = [
      { category: 'constructor', name: 'prototype', timing: 'START', value: { polluted: 1 } },
      { category: '__proto__', name: 'polluted', timing: 'START', value: 1 },
      { category: 'sample', name: 'bad', timing: 'START', value: JSON.parse('{"__proto__": {"polluted": 1}}') },
      { category: 'sample', name: 'deep', timing: 'START', value: nested(500) },
      { category: 'sample', name: 'name', timing: 'START', value: 'Si 111' },
    ];
    writeFileSync(join(data, 'metadata.json'), JSON.stringify(stored));
    expect(readFileSync(join(data, 'metadata.json'), 'utf8')).toContain('"value":{"__proto__":{"polluted":1}}');
    const warnings: string[] = [];
    const s = await openSession({ dataDir: data, basePath: join(dir, 'stored-files'), instantMoves: true });
    warnings.push(...s.startupWarnings);
    expect(await s.api.listMetadata()).toEqual([{ category: 'sample', name: 'name', timing: 'START', value: 'Si 111', generated: false }]);
    expect(warnings.join('\n')).toMatch(/4 entries that cannot be used and were dropped/);
    const r = await s.scan({ type: 'count', points: 1 });
    expect(r.status).toBe('success');
    noPollution();
    await s.close();
    // The file itself is repaired (the next start is quiet) and the original is kept beside it.
    expect(JSON.parse(readFileSync(join(data, 'metadata.json'), 'utf8'))).toHaveLength(1);
    expect(readdirSync(data).some((f) => f.startsWith('metadata.json.bad-'))).toBe(true);
    const again = await openSession({ dataDir: data, basePath: join(dir, 'stored-files'), instantMoves: true });
    expect(again.startupWarnings).toEqual([]);
    await again.close();
    // The CLI says so once, as a warning, and works.
    writeFileSync(join(data, 'metadata.json'), JSON.stringify(stored.slice(0, 2)));
    const res = daq(['metadata', 'list', '--json'], data, join(dir, 'stored-files'));
    expect(res.status, res.stderr).toBe(0);
    expect(res.stderr).toMatch(/warning: Session metadata .* dropped/);
    expect(JSON.parse(res.stdout)).toEqual([]);
  });
});

describe('depth and size limits of user data (#11 item 6)', () => {
  it(`refuses md nested 5,000 deep (startScan, previewScan) with a clear error, claims no saved file, and the next scan works`, async () => {
    const s = await fresh();
    const dispatch = createDispatcher(s);
    const logs: string[] = [];
    s.on('app.log', (l) => logs.push(l.message));
    for (const m of ['startScan', 'previewScan']) {
      for (const md of [nested(5000), { list: nested(5000, 1, true) }]) {
        const r = await dispatch(m, [{ type: 'count', points: 1, md }]);
        expect(r, m).toMatchObject({ ok: false, error: { code: 'BAD_ARGUMENTS' } });
        if (!r.ok) expect(r.error.message).toMatch(new RegExp(`nested more than ${MAX_DEPTH} levels deep`));
      }
    }
    await expect(s.scan({ type: 'count', points: 1, md: nested(5000) as Record<string, unknown> })).rejects.toMatchObject({ code: 'BAD_ARGUMENTS' });
    expect(logs.filter((l) => /data file is saved/.test(l))).toEqual([]);
    expect(s.catalog.count()).toBe(0);
    // At the limit it is accepted, written and catalogued.
    const ok = await s.scan({ type: 'count', points: 1, md: nested(MAX_DEPTH - 1) as Record<string, unknown> });
    expect(ok.status).toBe('success');
    expect(existsSync(ok.file)).toBe(true);
    await s.close();
  });

  it('refuses metadata values nested too deep (objects and arrays) or over 64 kB with BAD_ARGUMENTS, never INTERNAL', async () => {
    const s = await fresh();
    const dispatch = createDispatcher(s);
    for (const value of [nested(5000), nested(5000, 1, true), nested(MAX_DEPTH + 1)]) {
      const r = await dispatch('setMetadata', ['sample', 'deep', value]);
      expect(r).toMatchObject({ ok: false, error: { code: 'BAD_ARGUMENTS' } });
      if (!r.ok) expect(r.error.message).toMatch(/nested more than 32 levels deep/);
      await expect(s.api.setMetadata('sample', 'deep', value)).rejects.toMatchObject({ code: 'BAD_ARGUMENTS' });
    }
    for (const value of ['x'.repeat(70_000), Array.from({ length: 10_000 }, (_, i) => i), Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`key_${i}`, 'value']))]) {
      const r = await dispatch('setMetadata', ['sample', 'big', value]);
      expect(r).toMatchObject({ ok: false, error: { code: 'BAD_ARGUMENTS' } });
      if (!r.ok) expect(r.error.message).toMatch(/larger than 64 kB/);
      const md = await dispatch('startScan', [{ type: 'count', points: 1, md: { big: value } }]);
      expect(md).toMatchObject({ ok: false, error: { code: 'BAD_ARGUMENTS' } });
    }
    expect(await dispatch('setMetadata', ['sample', 'deep', nested(MAX_DEPTH)])).toMatchObject({ ok: true });
    expect(await dispatch('listMetadata', [])).toMatchObject({ ok: true });
    expect((await s.scan({ type: 'count', points: 1 })).status).toBe('success');
    await s.close();
  });

  it('`daq scan --md` nested 5,000 deep ends at once with a sentence (exit 1), not a hang or a stack trace', () => {
    const started = Date.now();
    const res = daq(['scan', 'count', '1', '--md', `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`], join(dir, 'cli2-data'), join(dir, 'cli2-files'));
    expect(res.status, res.stderr).toBe(1);
    expect(res.stderr).toMatch(/nested more than 32 levels deep/);
    expect(res.stderr).not.toMatch(/unexpected error|\n\s+at /);
    expect(Date.now() - started).toBeLessThan(30_000);
  });
});
