// The scripting entry point reads like BEC: a line scan returns its report; history.at(-1) gives the scan and
// devices.<dev>.<signal>.read() its data as {timestamp, value}; s.devices.samx reads and moves the live motor;
// a stored scan gives its full start and stop documents; and a script in a folder of its own imports
// 'daq-studio/scripting' through a file: dependency (or by absolute path).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSession } from '../../../src/main/scripting.ts';

const dir = mkdtempSync(join(tmpdir(), 'daq-script-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('scripting', () => {
  it('runs a line scan and reads it back from the history', async () => {
    const s = await openSession({ dataDir: join(dir, 'data'), basePath: join(dir, 'files'), instantMoves: true });
    const report = await s.scans.lineScan(s.dev.samx, -1, 1, { steps: 5, expTime: 0, relative: false });
    expect(report).toMatchObject({ status: 'success', numPoints: 5, planName: 'line_scan' });
    await s.scans.count(3);
    expect(s.history.length).toBe(2);
    const scan = s.history.at(-2);
    expect(scan.scanNumber).toBe(report.scanNumber);
    const samx = scan.devices.samx!.samx!.read();
    expect(samx.value.map((v) => Math.round(v * 100) / 100 + 0)).toEqual([-1, -0.5, 0, 0.5, 1]);
    expect(samx.timestamp).toHaveLength(5);
    expect(scan.devices.det!.det!.read().value).toHaveLength(5);
    expect(scan.baseline.start).toHaveProperty('samy');
    expect(() => s.history.at(5)).toThrow(/No scan at history index 5/);
    expect(() => s.dev.nonesuch).toThrow(/No device named "nonesuch"/);
    s.setMetadata('sample', 'name', 'Si 111');
    s.generateMetadata('technique', 'scan', (scan) => `${scan.planName} #${scan.scanNumber}`);
    const grid = await s.scans.gridScan([[s.dev.samx, 0, 1, 2], [s.dev.samy, 0, 1, 2]], { snake: true, seed: 5 });
    expect(grid).toMatchObject({ status: 'success', numPoints: 4, planName: 'grid_scan' });
    const last = s.history.at(-1);
    expect(last.metadata.seed).toBe(5);
    expect(last.metadata.md).toMatchObject({ sample: { name: 'Si 111' }, technique: { scan: `grid_scan #${grid.scanNumber}` } });
    expect(last.devices.samy!.samy!.read().value.map((v) => Math.round(v))).toEqual([0, 1, 1, 0]);
    s.removeMetadata('sample', 'name');
    await s.close();
  });

  it('reads and moves live devices through s.devices, as BEC\'s dev.samx.read()', async () => {
    const s = await openSession({ dataDir: join(dir, 'live'), basePath: join(dir, 'live-files'), instantMoves: true });
    try {
      expect(s.dev).toBe(s.devices);
      const before = Date.now() / 1000;
      const moved = await s.devices.samx!.move(0.5);
      expect(moved).toMatchObject({ name: 'samx', setpoint: 0.5, moving: false });
      const r = s.devices.samx!.read();
      expect(r.timestamp).toBeGreaterThanOrEqual(before - 1);
      expect(r.value as number).toBeCloseTo(0.5, 3);
      expect(s.devices.samx!.position).toBeCloseTo(0.5, 3);
      await expect(s.devices.samx!.move(100)).rejects.toMatchObject({ code: 'OUT_OF_LIMITS' });
      expect(s.devices.samx!.position).toBeCloseTo(0.5, 3);
      // Detectors read their signal at the current positions: a number, a spectrum, an image as rows.
      expect(typeof s.devices.det!.read().value).toBe('number');
      expect(s.devices.spectrum1!.read().value).toHaveLength(1024);
      const image = s.devices.eiger1!.read().value as number[][];
      expect([image.length, image[0]!.length]).toEqual([512, 512]);
      expect(() => s.devices.det!.position).toThrow(/det is a detector: it has no position/);
      await expect(s.devices.det!.move(1)).rejects.toMatchObject({ code: 'BAD_ARGUMENTS' });
      // A scan takes the same handles; the history's stored scan has its full start and stop documents.
      const report = await s.scans.lineScan(s.devices.samx, 0, 1, { steps: 3, expTime: 0.01, relative: true, md: { operator: 'ada' } });
      expect(report.status).toBe('success');
      const scan = s.history.at(-1);
      expect(scan.metadata).toMatchObject({
        uid: report.uid,
        plan_name: 'rel_line_scan',
        plan_args: { motor: 'samx', start: 0, stop: 1, points: 3, exp_time: 0.01, relative: true },
        num_points: 3,
        exp_time: 0.01,
        motors: ['samx'],
        md: { operator: 'ada' },
        app_version: expect.stringMatching(/\d+\.\d+/),
        instrument_config: expect.stringContaining('samx'),
        positioner_units: { samx: 'mm' },
      });
      expect(scan.metadata.positioners_start.samx).toBeCloseTo(0.5, 3);
      expect(scan.stop).toMatchObject({ run_start: report.uid, exit_status: 'success', reason: '', num_events: 3, time: report.endTime });
      expect(scan.stop!.positioners_end.samx).toBeCloseTo(0.5, 3); // a relative scan returns its motor
    } finally {
      await s.close();
    }
  });

  it('is imported from a script outside the project folder (file: dependency, or an absolute path)', () => {
    const root = resolve(import.meta.dirname, '../../..');
    const work = mkdtempSync(join(tmpdir(), 'daq-user-scripts-'));
    try {
      writeFileSync(join(work, 'package.json'), JSON.stringify({ name: 'my-scans', private: true, type: 'module' }));
      // What docs/instrument-and-scans.md tells users to run: npm links the folder (no download, no build).
      const npm = process.env.npm_execpath ? [process.execPath, process.env.npm_execpath] : ['npm'];
      const install = spawnSync(npm[0]!, [...npm.slice(1), 'install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', `file:${root}`], { cwd: work, encoding: 'utf8', timeout: 120_000 });
      expect(install.status, install.stderr).toBe(0);
      writeFileSync(
        join(work, 'scan.mjs'),
        `import { openSession } from 'daq-studio/scripting';
const byPath = await import(${JSON.stringify(join(root, 'src/main/scripting.ts'))});
const s = await openSession({ dataDir: process.argv[2], basePath: process.argv[3], instantMoves: true });
await s.devices.samy.move(0.25);
const report = await s.scans.count(2, { expTime: 0 });
const scan = s.history.at(-1);
console.log(JSON.stringify({ same: byPath.openSession === openSession, status: report.status, samy: s.devices.samy.read(), points: scan.devices.det.det.read().value.length, stop: scan.stop.exit_status }));
await s.close();
`,
      );
      const run = spawnSync(process.execPath, ['scan.mjs', join(work, 'data'), join(work, 'files')], { cwd: work, encoding: 'utf8', timeout: 120_000 });
      expect(run.status, run.stderr).toBe(0);
      const got = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as { same: boolean; status: string; samy: { value: number }; points: number; stop: string };
      expect(got).toMatchObject({ same: true, status: 'success', points: 2, stop: 'success' });
      expect(got.samy.value).toBeCloseTo(0.25, 3);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
