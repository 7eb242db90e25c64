// Exports write only what and where they must (#11 item 8): SPEC appends only to a file that parses as SPEC
// (never a shell start-up file, settings.json or an HDF5 file); text from user data (md keys and values, titles)
// has its newlines and control characters escaped, so it cannot inject lines; and every export creates its file
// exclusively (and appends without following links), so no symlink — dangling or not — is followed.
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeLine } from '../../../src/main/export/safe-output.ts';
import { openSession, type Session } from '../../../src/main/session.ts';
import { python } from '../../helpers/python.ts';

const dir = mkdtempSync(join(tmpdir(), 'daq-export-safety-'));
let s: Session;
let scanFile: string;
const INJECTED_KEY = 'note\n#S 99  injected\n#L a  b\n1 2';
beforeAll(async () => {
  s = await openSession({ dataDir: join(dir, 'data'), basePath: join(dir, 'files'), instantMoves: true });
  await s.api.setMetadata('sample', 'name', 'Si\n#S 98  from a value\u2028\r\u001b[31m');
  const r = await s.scan({ type: 'line', motor: 'samx', start: 0, stop: 1, points: 3, md: { [INJECTED_KEY]: 'value\nwith\r\nlines', plain: 'ok' } });
  scanFile = r.file;
}, 60_000);
afterAll(async () => {
  await s.close();
  rmSync(dir, { recursive: true, force: true });
});

function snapshot(file: string): Buffer | undefined {
  return existsSync(file) ? readFileSync(file) : undefined;
}

describe('SPEC append', () => {
  it('refuses to append to a file that is not SPEC (shell start-up file, settings.json, an HDF5 file), leaving it unchanged', async () => {
    const bashrc = join(dir, '.bashrc');
    writeFileSync(bashrc, 'export PATH="$HOME/bin:$PATH"\nalias ll="ls -l"\n');
    await s.api.updateSettings({ ui: { theme: 'dark' } });
    for (const file of [bashrc, s.settings.file, scanFile]) {
      const before = snapshot(file);
      await expect(s.api.exportSpec(['-1'], file, true)).rejects.toMatchObject({ code: 'BAD_ARGUMENTS', message: expect.stringMatching(/Cannot append to .*: it is not a SPEC file \(.+\)\. Append only to a SPEC file/) });
      expect(snapshot(file)).toEqual(before);
    }
    // The command line says the same, with exit code 1.
    const res = spawnSync(process.execPath, ['bin/daq.mjs', 'export', 'spec', '-1', '-o', bashrc, '--append', '--data-dir', join(dir, 'data'), '--base-path', join(dir, 'files')], { encoding: 'utf8', timeout: 60_000 });
    expect(res.status, res.stderr).toBe(1);
    expect(res.stderr).toMatch(/not a SPEC file/);
    expect(readFileSync(bashrc, 'utf8')).toBe('export PATH="$HOME/bin:$PATH"\nalias ll="ls -l"\n');
  });

  it('appends to a SPEC file, but never through a symlink', async () => {
    const spec = join(dir, 'scans.spec');
    await s.api.exportSpec(['-1'], spec, false);
    await s.api.exportSpec(['-1'], spec, true);
    expect(readFileSync(spec, 'utf8').match(/^#S /gm)).toHaveLength(2);
    const link = join(dir, 'link.spec');
    symlinkSync(spec, link);
    const before = snapshot(spec);
    await expect(s.api.exportSpec(['-1'], link, true)).rejects.toMatchObject({ code: 'BAD_ARGUMENTS', message: expect.stringMatching(/symbolic link; exports never follow links/) });
    expect(snapshot(spec)).toEqual(before);
  });
});

describe('escaping of user text', () => {
  it('writes md keys and values with newlines and control characters escaped: no injected #S or data lines, silx reads one scan', async () => {
    const spec = join(dir, 'escaped.spec');
    await s.api.exportSpec(['-1'], spec, false);
    const text = readFileSync(spec, 'utf8');
    expect(text.match(/^#S /gm)).toHaveLength(1);
    expect(text).not.toMatch(/^#S 9[89]/m);
    expect(text).not.toMatch(/^1 2$/m);
    // eslint-disable-next-line no-control-regex -- no raw control character may be left
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u2028]/);
    expect(text).toContain(`#MD ${escapeLine(INJECTED_KEY)} = value\\nwith\\r\\nlines`);
    expect(text).toContain('#MD sample.name = Si\\n#S 98  from a value\\u2028\\r\\u001b[31m');
    const scans = python<{ n: number; labels: string[] }[]>(`
import sys, json
from silx.io.specfile import SpecFile
sf = SpecFile(sys.argv[1])
print(json.dumps([{'n': s.number, 'labels': list(s.labels)} for s in sf]))`, spec);
    expect(scans).toEqual([{ n: 1, labels: ['samx', 'Epoch', 'Epoch_float', 'diode1', 'monitor', 'det'] }]);
  });

  it('escapes every control character as a visible sequence', () => {
    expect(escapeLine('a\nb\rc\td\u0000e\u007f\u0085\u2028\u2029f')).toBe('a\\nb\\rc\\td\\u0000e\\u007f\\u0085\\u2028\\u2029f');
    expect(escapeLine('plain text, ünïcödé 😀')).toBe('plain text, ünïcödé 😀');
  });
});

describe('exports never follow a symlink', () => {
  it('CSV, SPEC and Browser exports refuse a dangling symlink and do not create its target', async () => {
    const targets: string[] = [];
    const link = (name: string) => {
      const target = join(dir, `${name}-target`);
      const l = join(dir, `${name}-link`);
      symlinkSync(target, l);
      targets.push(target);
      return l;
    };
    // A dangling link is an entry that exists: refused as such, without creating its target.
    await expect(s.api.exportCsv('-1', link('csv'))).rejects.toMatchObject({ code: 'EXISTS' });
    await expect(s.api.exportSpec(['-1'], link('spec'), false)).rejects.toMatchObject({ code: 'EXISTS' });
    await expect(s.api.exportSpec(['-1'], link('spec-append'), true)).rejects.toMatchObject({ code: 'BAD_ARGUMENTS' });
    const f = await s.api.browserOpen(scanFile);
    const entry = s.catalog.resolve('-1').entry;
    await expect(s.api.browserExport(f.id, [`/${entry}/instrument/samx/value`], [null], 'csv', link('browser'))).rejects.toMatchObject({ code: 'EXISTS' });
    // Overwriting replaces the link itself with a regular file; its target is still never created.
    const forced = link('csv-force');
    expect((await s.api.exportCsv('-1', forced, true)).rows).toBe(3);
    expect(lstatSync(forced).isFile()).toBe(true);
    const forcedSpec = link('spec-force');
    await s.api.exportSpec(['-1'], forcedSpec, false, true);
    expect(lstatSync(forcedSpec).isFile()).toBe(true);
    for (const t of targets) expect(existsSync(t), t).toBe(false);
    // An ordinary new file still works.
    const csv = join(dir, 'scan.csv');
    expect((await s.api.exportCsv('-1', csv)).rows).toBe(3);
  });
});
