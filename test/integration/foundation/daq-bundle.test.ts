// bin/daq.mjs runs the CLI bundle (out/cli, from `npm run build`) only while it is up to date: a user who edits a
// source file gets the edited code at the next `daq` command, never a stale bundle. Checked on a copy of
// bin/daq.mjs in a temp project whose bundle and sources each say which one ran.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

let dir: string;
const run = (env: NodeJS.ProcessEnv = {}) => {
  const r = spawnSync(process.execPath, [join(dir, 'bin', 'daq.mjs'), 'version'], { encoding: 'utf8', env: { ...process.env, DAQ_CLI_SOURCES: '', ...env } });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout.trim();
};
const fakeMain = (who: string) => `export async function main(argv) { console.log(${JSON.stringify(who)} + ' ' + argv.join(' ')); return 0; }\n`;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'daq-bundle-'));
  mkdirSync(join(dir, 'bin'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
  copyFileSync('bin/daq.mjs', join(dir, 'bin', 'daq.mjs'));
  mkdirSync(join(dir, 'src', 'main', 'cli'), { recursive: true });
  writeFileSync(join(dir, 'src', 'main', 'cli', 'main.ts'), fakeMain('sources'));
  writeFileSync(join(dir, 'src', 'main', 'helper.ts'), 'export const x = 1;\n');
  // Sources written two minutes ago, the bundle one minute ago: up to date (and an edit now is newer, whatever
  // the granularity of the file system's clock).
  const past = new Date(Date.now() - 120_000);
  for (const f of ['src/main/cli/main.ts', 'src/main/helper.ts']) utimesSync(join(dir, f), past, past);
  mkdirSync(join(dir, 'out', 'cli'), { recursive: true });
  writeFileSync(join(dir, 'out', 'cli', 'main.js'), fakeMain('bundle'));
  writeFileSync(join(dir, 'out', 'cli', 'inputs.json'), JSON.stringify({ built: Date.now() - 60_000, files: ['src/main/cli/main.ts', 'src/main/helper.ts'] }));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('bin/daq.mjs and the CLI bundle', () => {
  it('runs the bundle while no source it was built from is newer, with the same arguments', () => {
    expect(run()).toBe('bundle version');
  });

  it('runs the sources once any source of the bundle was edited after the build', () => {
    writeFileSync(join(dir, 'src', 'main', 'helper.ts'), 'export const x = 2;\n');
    expect(run()).toBe('sources version');
  });

  it('runs the sources once a package bundled into it is installed in another version', () => {
    // zod, yaml and h5wasm are bundled (scripts/build-cli.mjs); npm gives installed files an old fixed time, so
    // the version in the package's package.json is what tells an `npm install` of another version.
    mkdirSync(join(dir, 'node_modules', 'h5wasm'), { recursive: true });
    const pkg = (version: string) => writeFileSync(join(dir, 'node_modules', 'h5wasm', 'package.json'), JSON.stringify({ name: 'h5wasm', version }));
    pkg('0.10.3');
    writeFileSync(join(dir, 'out', 'cli', 'inputs.json'), JSON.stringify({ built: Date.now() - 60_000, files: ['src/main/cli/main.ts', 'src/main/helper.ts'], packages: { h5wasm: '0.10.3' } }));
    expect(run()).toBe('bundle version');
    pkg('0.10.4');
    expect(run()).toBe('sources version');
    rmSync(join(dir, 'node_modules'), { recursive: true });
    expect(run()).toBe('sources version');
  });

  it('runs the sources when a source of the bundle was removed, when there is no bundle, or with DAQ_CLI_SOURCES=1', () => {
    expect(run({ DAQ_CLI_SOURCES: '1' })).toBe('sources version');
    rmSync(join(dir, 'src', 'main', 'helper.ts'));
    expect(run()).toBe('sources version');
    rmSync(join(dir, 'out'), { recursive: true });
    expect(run()).toBe('sources version');
  });
});
