// `daq export` on the command line: an existing file is refused with the flags that resolve it, --force
// replaces it (SPEC and CSV), --append continues it; and the SPEC Epoch convention: Epoch counts from the
// header's #E (classic SPEC), so appending a scan older than the file's #E starts a new header block.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScanReport } from '../../../src/shared/scans.ts';
import { openSession, type Session } from '../../../src/main/session.ts';
import { python } from '../../helpers/python.ts';
import { waitFor } from '../../helpers/wait-for.ts';

const dir = mkdtempSync(join(tmpdir(), 'daq-export-cli-'));
const dataDir = join(dir, 'data');
const basePath = join(dir, 'files');
const reports: ScanReport[] = [];
let s: Session;

beforeAll(async () => {
  s = await openSession({ dataDir, basePath, instantMoves: true });
  reports.push(await s.scan({ type: 'line', motor: 'samx', start: 0, stop: 1, points: 3, detectors: ['det'], expTime: 0.01 }));
  // The Epoch test needs the second scan to start in a later whole second than the first (#E is whole seconds).
  await waitFor(() => Math.floor(Date.now() / 1000) > Math.floor(reports[0]!.startTime), { what: 'the next whole second', timeout: 5000 });
  reports.push(await s.scan({ type: 'count', points: 2, detectors: ['det'] }));
});

afterAll(async () => {
  await s?.close();
  rmSync(dir, { recursive: true, force: true });
});

function daq(...args: string[]) {
  return spawnSync(process.execPath, ['bin/daq.mjs', ...args, '--data-dir', dataDir, '--base-path', basePath], { encoding: 'utf8', timeout: 60_000 });
}

interface SpecScan {
  n: number;
  labels: string[];
  data: number[][];
  e0: number;
  t: string | null;
}
function readSpec(file: string): SpecScan[] {
  return python<SpecScan[]>(
    `
import sys, json
from silx.io.specfile import SpecFile
out = []
for s in SpecFile(sys.argv[1]):
    e = [h for h in s.file_header if h.startswith('#E ')]
    t = [h for h in s.header if h.startswith('#T ')]
    out.append({'n': s.number, 'labels': list(s.labels), 'data': s.data.tolist(), 'e0': float(e[-1][3:]), 't': t[0] if t else None})
print(json.dumps(out))`,
    file,
  );
}

function epochs(r: ScanReport): number[] {
  return python<number[]>(`
import sys, json, h5py
print(json.dumps(h5py.File(sys.argv[1], 'r')[sys.argv[2]]['instrument/det/epoch'][()].tolist()))`, r.file, r.entry);
}

describe('daq export', () => {
  it('refuses an existing SPEC file naming --append and --force, and --force replaces it', () => {
    const out = join(dir, 'a.spec');
    expect(daq('export', 'spec', '1', '2', '-o', out).status).toBe(0);
    const refused = daq('export', 'spec', '2', '-o', out);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/a\.spec exists\. Add --append to add the scans to it, --force to replace it, or give another -o FILE\./);
    expect(readSpec(out).map((x) => x.n)).toEqual([1, 2]);

    const both = daq('export', 'spec', '2', '-o', out, '--append', '--force');
    expect(both.status).toBe(2);
    expect(both.stderr).toMatch(/give one of them/);

    const forced = daq('export', 'spec', '2', '-o', out, '--force', '--json');
    expect(forced.status, forced.stderr).toBe(0);
    expect(JSON.parse(forced.stdout)).toMatchObject({ scans: [{ scanNumber: 2, specNumber: 1 }] });
    const after = readSpec(out);
    expect(after.map((x) => x.n)).toEqual([1]);
    expect(after[0]!.data[0]).toHaveLength(2); // the count scan's 2 points, nothing of the old file

    const appended = daq('export', 'spec', '1', '-o', out, '--append', '--json');
    expect(appended.status, appended.stderr).toBe(0);
    expect(JSON.parse(appended.stdout)).toMatchObject({ scans: [{ scanNumber: 1, specNumber: 2 }] });
  });

  it('refuses an existing CSV file naming --force, and --force replaces it', () => {
    const out = join(dir, 'a.csv');
    writeFileSync(out, 'something the user keeps\n');
    const refused = daq('export', 'csv', '1', '-o', out);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/a\.csv exists\. Add --force to replace it, or give another -o FILE\./);
    expect(refused.stderr).not.toMatch(/--append/);
    expect(readFileSync(out, 'utf8')).toBe('something the user keeps\n');
    expect(daq('export', 'csv', '1', '-o', out, '--append').status).toBe(2);
    const forced = daq('export', 'csv', '1', '-o', out, '--force');
    expect(forced.status, forced.stderr).toBe(0);
    expect(forced.stdout).toMatch(/3 row\(s\) written/);
    expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(4);
  });

  it('writes #T and counts Epoch from #E; an older scan appended starts a new header so Epoch stays ≥ 0', async () => {
    const out = join(dir, 'epoch.spec');
    await s.api.exportSpec(['2'], out, false);
    await s.api.exportSpec(['1'], out, true);
    const text = readFileSync(out, 'utf8');
    expect(text.match(/^#E /gm)).toHaveLength(2);
    const [count, line] = readSpec(out) as [SpecScan, SpecScan];
    expect(count.e0).toBe(Math.floor(reports[1]!.startTime));
    expect(line.e0).toBe(Math.floor(reports[0]!.startTime));
    expect(line.t).toBe('#T 0.01  (Seconds)');
    expect(count.t).toBe('#T 0  (Seconds)');
    for (const [scan, report] of [[count, reports[1]!], [line, reports[0]!]] as const) {
      const e = scan.data[scan.labels.indexOf('Epoch')]!;
      const f = scan.data[scan.labels.indexOf('Epoch_float')]!;
      const truth = epochs(report);
      f.forEach((v, i) => {
        expect(v).toBeGreaterThanOrEqual(0);
        expect(Math.abs(scan.e0 + v - truth[i]!)).toBeLessThan(1e-3);
        expect(e[i]).toBe(Math.floor(v));
      });
    }
  });
});
