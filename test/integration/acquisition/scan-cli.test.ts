// `daq scan` end to end in a temp folder: the JSON report, the live table, relative return across processes,
// list scans from a table file, Ctrl-C, refusals, and scan numbers that never repeat — even with two
// processes scanning at once.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { waitForRows } from '../../helpers/file-rows.ts';
import { waitFor } from '../../helpers/wait-for.ts';

const dir = mkdtempSync(join(tmpdir(), 'daq-scancli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const common = ['--data-dir', join(dir, 'data'), '--base-path', join(dir, 'files'), '--instant-moves'];

function daq(...args: string[]) {
  return spawnSync(process.execPath, ['bin/daq.mjs', ...args, ...common], { encoding: 'utf8', timeout: 60_000 });
}

describe('daq scan', () => {
  it('prints the ScanReport as one JSON object with --json', () => {
    const r = daq('scan', 'line', 'samx', '-1', '1', '--steps', '5', '--exp-time', '0', '--json');
    expect(r.status, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    for (const k of ['status', 'uid', 'scanNumber', 'planName', 'numPoints', 'startTime', 'endTime', 'elapsed', 'file', 'entry']) expect(report).toHaveProperty(k);
    expect(report).toMatchObject({ status: 'success', planName: 'line_scan', numPoints: 5 });
  });

  it('prints a live table with one row per point', () => {
    const r = daq('scan', 'grid', 'samx', '-1', '1', '3', 'samy', '0', '1', '2', '--snake', '--detectors', 'det,diode1');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/\|\s+seq_num \|\s+time \|\s+samx \|\s+samy \|\s+det \|\s+diode1 \|/);
    const rows = r.stdout.split('\n').filter((l) => /^\|\s+\d+ \|/.test(l));
    expect(rows).toHaveLength(6);
    expect(r.stdout).toMatch(/exit_status success, 6 point\(s\)/);
  });

  it('remembers motor positions between commands, so a relative scan starts where the motor is', () => {
    expect(daq('move', 'samz', '2').status).toBe(0);
    const r = daq('scan', 'line', 'samz', '-0.5', '0.5', '--steps', '3', '--relative', '--detectors', 'det');
    expect(r.status, r.stderr).toBe(0);
    const samz = r.stdout.split('\n').filter((l) => /^\|\s+\d+ \|/.test(l)).map((l) => Number(l.split('|')[3]));
    expect(samz.map((v) => Math.round(v * 10) / 10)).toEqual([1.5, 2, 2.5]);
    const dev = JSON.parse(daq('devices', '--json').stdout).find((d: { name: string }) => d.name === 'samz');
    expect(dev.position).toBeCloseTo(2, 3); // returned to the start
  });

  it('runs a list scan from a table file', () => {
    const table = join(dir, 'positions.txt');
    writeFileSync(table, '# samx samy\n0 0\n1, 2\n\n-1\t0.5\n');
    const r = daq('scan', 'list', 'samx,samy', '--file', table, '--json');
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ planName: 'list_scan', numPoints: 3 });
  });

  it('refuses bad input with exit code 2 or 1 and a sentence that says what to do', () => {
    let r = daq('scan', 'line', 'samx', '-1', '1');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--steps N/);
    r = daq('scan', 'line', 'samx', '-1', '100', '--steps', '3');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/samx: 100 mm is outside the limits/);
    r = daq('scan', 'spiral');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown scan type "spiral"/);
    r = daq('scan', 'count', '3', '--md', '[1,2]');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--md must be a JSON object/);
    r = daq('scan', 'count', '3', '--detectors', 'det,nope');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/No detector named "nope"/);
    // grab's exposure: an empty or non-numeric value is refused, not taken as 0 or NaN.
    for (const bad of ['', 'abc', '-1']) {
      r = daq('grab', 'det', '--frames', '2', '--exp-time', bad);
      expect(r.status, `--exp-time "${bad}"`).toBe(2);
      expect(r.stderr).toContain(`--exp-time is seconds from 0 to 3600, got "${bad}"`);
    }
  });

  it('aborts cleanly on Ctrl-C: exit_status abort, exit code 130', async () => {
    // Its own folders: the one scan file there is this scan's.
    const files = join(dir, 'ctrlc-files');
    const child = spawn(process.execPath, ['bin/daq.mjs', 'scan', 'timescan', '--exp-time', '0.02', '--json', '--data-dir', join(dir, 'ctrlc-data'), '--base-path', files, '--instant-moves'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    // Ctrl-C once points are on disk (--json prints nothing before the end, so the file is the sign of progress).
    const file = await waitFor(() => existsSync(files) && (readdirSync(files, { recursive: true, encoding: 'utf8' }).find((f) => f.endsWith('.h5')) ?? false), { what: `a scan file under ${files}` });
    await waitForRows(join(files, file), '', 'instrument/det/data', 1);
    child.kill('SIGINT');
    const code = await new Promise<number | null>((r) => child.on('exit', r));
    expect(code, err).toBe(130);
    const report = JSON.parse(out);
    expect(report.status).toBe('abort');
    expect(report.reason).toMatch(/Ctrl-C/);
    expect(report.numPoints).toBeGreaterThan(0);
  });

  it('never repeats a scan number, even with two processes scanning at once', async () => {
    const run = () =>
      new Promise<number[]>((resolve) => {
        const script = `
          const { Session } = await import('./src/main/session.ts');
          const s = new Session({ dataDir: ${JSON.stringify(join(dir, 'data'))}, basePath: ${JSON.stringify(join(dir, 'files'))}, instantMoves: true });
          const n = [];
          for (let i = 0; i < 8; i++) n.push((await s.scan({ type: 'count', points: 1, detectors: ['det'] })).scanNumber);
          await s.close();
          console.log(JSON.stringify(n));`;
        const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
        let out = '';
        child.stdout.on('data', (d) => (out += d));
        child.on('exit', () => resolve(JSON.parse(out)));
      });
    const [a, b] = await Promise.all([run(), run()]);
    const all = [...a, ...b];
    expect(new Set(all).size).toBe(16);
    for (const list of [a, b]) for (let i = 1; i < list.length; i++) expect(list[i]!).toBeGreaterThan(list[i - 1]!);
  });
});

describe('daq scan across processes', () => {
  it('--seed reproduces every number of a scan in another process and another data folder', () => {
    const table = (n: number) => {
      const r = spawnSync(process.execPath, ['bin/daq.mjs', 'scan', 'line', 'samx', '-1', '1', '--steps', '5', '--seed', '42', '--detectors', 'det,diode1,monitor', '--data-dir', join(dir, `seed${n}`), '--base-path', join(dir, `seedfiles${n}`), '--instant-moves'], { encoding: 'utf8', timeout: 60_000 });
      expect(r.status, r.stderr).toBe(0);
      // Every column but the clock.
      return r.stdout.split('\n').filter((l) => /^\|\s+\d+ \|/.test(l)).map((l) => l.split('|').filter((_, i) => i !== 2).join('|'));
    };
    const a = table(1);
    expect(a).toHaveLength(5);
    expect(table(2)).toEqual(a);
  });

  it('never repeats a scan number after a process is killed in the middle of a scan', async () => {
    const child = spawn(process.execPath, ['bin/daq.mjs', 'scan', 'timescan', '--exp-time', '0.02', ...common], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    await waitFor(() => /^\|\s+2 \|/m.test(out), { what: 'the table row of point 2' });
    const killed = Number(/Scan (\d+)/.exec(out)?.[1]);
    expect(killed).toBeGreaterThan(0);
    child.kill('SIGKILL');
    await new Promise((r) => child.on('exit', r));
    const r = daq('scan', 'count', '1', '--json');
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).scanNumber).toBe(killed + 1);
  });
});

describe('daq metadata', () => {
  it('sets, lists and removes session metadata that the next scan carries', () => {
    expect(daq('metadata', 'set', 'sample', 'name', '"Si 111"').status).toBe(0);
    const list = JSON.parse(daq('metadata', 'list', '--json').stdout);
    expect(list).toEqual(expect.arrayContaining([expect.objectContaining({ category: 'sample', name: 'name', value: 'Si 111' })]));
    expect(daq('metadata', 'remove', 'sample', 'name').status).toBe(0);
    expect(JSON.parse(daq('metadata', 'list', '--json').stdout)).toEqual([]);
  });
});
