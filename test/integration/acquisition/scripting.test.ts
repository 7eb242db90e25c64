// The scripting entry point reads like BEC: a line scan returns its report; history.at(-1) gives the scan and
// devices.<dev>.<signal>.read() its data as {timestamp, value}.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
});
