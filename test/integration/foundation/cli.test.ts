// The `daq` command end to end, in a temp folder: exit codes, --json output, and its refusals.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'daq-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function daq(...args: string[]) {
  return spawnSync(process.execPath, ['bin/daq.mjs', ...args, '--data-dir', join(dir, 'data'), '--base-path', join(dir, 'files')], { encoding: 'utf8', timeout: 60_000 });
}

describe('daq CLI', () => {
  it('lists devices as JSON', () => {
    const r = daq('devices', '--json');
    expect(r.status, r.stderr).toBe(0);
    const list = JSON.parse(r.stdout) as { name: string; kind: string }[];
    expect(list.filter((d) => d.kind === 'motor').map((d) => d.name)).toEqual(expect.arrayContaining(['samx', 'samy', 'samz', 'omega', 'chi', 'phi', 'ttheta']));
  });

  it('prints its version', () => {
    const r = daq('version', '--json');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ name: 'DAQ Studio', version: expect.any(String) });
  });

  it('refuses an unknown command with exit code 2 and the list of commands', () => {
    const r = daq('frobnicate');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown command "frobnicate".*serve/s);
  });

  it('refuses an unknown option with exit code 2 and the usage line', () => {
    const r = daq('devices', '--colour');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/usage: daq devices/);
  });

  it('refuses a move outside the limits with exit code 1 and says why', () => {
    const r = daq('move', 'samx', '100');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/outside the limits \[-10, 10\] mm/);
  });

  it('refuses a non-numeric position as a usage error', () => {
    const r = daq('move', 'samx', 'NaN');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/finite number/);
  });

  it('refuses a bad instrument config with the file, line and reason', () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'motors:\n  samx: { units: mm, limits: [5, 1] }\n');
    const r = daq('devices', '--instrument', bad);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/bad\.yaml:2: motors\.samx\.limits: limits must be \[low, high\]/);
  });

  it('refuses to serve on a non-loopback host without --allow-remote', () => {
    const r = daq('serve', '--host', '0.0.0.0');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/not a loopback address.*--allow-remote/s);
  });
});
