// Exports over every scan type × detector kind (issue 13, must-show matrix, export half): for each cell the
// scan succeeds, the SPEC file has one data row per point as silx.io.specfile reads it, the CSV has one row per
// point, and every number in both equals the HDF5 file read by h5py (a spectrum or camera as its per-frame sum).
// Two-motor grids are SPEC meshes that PyMca reads as 2-D. Tiny detectors and instant moves keep it fast.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScanRequest, ScanReport } from '../../../src/shared/scans.ts';
import { openSession, type Session } from '../../../src/main/session.ts';
import { python } from '../../helpers/python.ts';

const dir = mkdtempSync(join(tmpdir(), 'daq-export-matrix-'));
const instrumentFile = join(dir, 'instrument.yaml');
// The default instrument with a small camera (non-square, so a transposed frame would show) and spectrum.
writeFileSync(
  instrumentFile,
  `motors:
  samx:   { units: mm,  limits: [-10, 10],   velocity: 5,  labels: [motor] }
  samy:   { units: mm,  limits: [-10, 10],   velocity: 5,  labels: [motor] }
  ttheta: { units: deg, limits: [-5, 150],   velocity: 20, labels: [motor] }
detectors:
  det:       { type: gaussian, motor: samx, units: counts }
  spectrum1: { type: spectrum, motor: ttheta, channels: 64, units: counts }
  eiger1:    { type: camera, width: 24, height: 16, units: counts }
`,
);

type Kind = '0-D' | 'spectrum' | 'camera' | 'none';
const KINDS: Record<Kind, { detectors: string[]; column: string | undefined; array: string | undefined }> = {
  '0-D': { detectors: ['det'], column: 'det', array: undefined },
  spectrum: { detectors: ['spectrum1'], column: 'spectrum1_sum', array: 'spectrum1' },
  camera: { detectors: ['eiger1'], column: 'eiger1_sum', array: 'eiger1' },
  none: { detectors: [], column: undefined, array: undefined },
};
const grid = (snake: boolean): ScanRequest => ({ type: 'grid', axes: [{ motor: 'samx', start: 0, stop: 1, points: 2 }, { motor: 'samy', start: -1, stop: 1, points: 3 }], snake });
const TYPES: Record<string, { req: ScanRequest; points: number; motors: string[] }> = {
  count: { req: { type: 'count', points: 2 }, points: 2, motors: [] },
  timescan: { req: { type: 'timescan', points: 2 }, points: 2, motors: [] },
  line: { req: { type: 'line', motor: 'samx', start: -1, stop: 1, points: 3 }, points: 3, motors: ['samx'] },
  'relative line': { req: { type: 'line', motor: 'samy', start: -0.5, stop: 0.5, points: 3, relative: true }, points: 3, motors: ['samy'] },
  multi: { req: { type: 'multi', axes: [{ motor: 'samx', start: 0, stop: 1 }, { motor: 'samy', start: 1, stop: 0 }], points: 3 }, points: 3, motors: ['samx', 'samy'] },
  grid: { req: grid(false), points: 6, motors: ['samx', 'samy'] },
  'snake grid': { req: grid(true), points: 6, motors: ['samx', 'samy'] },
  list: { req: { type: 'list', motors: ['samx', 'samy'], positions: [[0, 0], [0.5, 1], [1, -1]] }, points: 3, motors: ['samx', 'samy'] },
};

interface Cell {
  name: string;
  type: string;
  kind: Kind;
  report?: ScanReport;
  error?: string;
  spec: string;
  csv: string;
  exportError?: string;
}
const cells: Cell[] = [];
for (const type of Object.keys(TYPES)) {
  for (const kind of Object.keys(KINDS) as Kind[]) {
    const slug = `${type}-${kind}`.replace(/[^a-z0-9]+/gi, '_');
    cells.push({ name: `${type} × ${kind}`, type, kind, spec: join(dir, `${slug}.spec`), csv: join(dir, `${slug}.csv`) });
  }
}

/** What silx, PyMca and h5py say about each cell's exports and file. */
interface Seen {
  labels: string[];
  data: number[][];
  header: string[];
  pymcaType: number;
  pymcaShape: number[];
  h5: Record<string, number[]>;
  epoch: number[];
}
let seen: Record<string, Seen | { error: string }> = {};
let s: Session;

beforeAll(async () => {
  s = await openSession({ dataDir: join(dir, 'data'), basePath: join(dir, 'files'), instrumentFile, instantMoves: true, seed: 7 });
  for (const c of cells) {
    try {
      c.report = await s.scan({ ...TYPES[c.type]!.req, detectors: KINDS[c.kind].detectors, expTime: 0.002 } as ScanRequest);
    } catch (err) {
      c.error = (err as Error).message;
      continue;
    }
    if (c.report.status !== 'success') continue;
    try {
      await s.api.exportSpec([c.report.uid], c.spec, false);
      await s.api.exportCsv(c.report.uid, c.csv);
    } catch (err) {
      c.exportError = (err as Error).message;
    }
  }
  const jobs = cells.filter((c) => c.report?.status === 'success' && !c.exportError).map((c) => ({ name: c.name, spec: c.spec, file: c.report!.file, entry: c.report!.entry, motors: TYPES[c.type]!.motors, det: KINDS[c.kind].detectors[0] ?? null }));
  seen = python(
    `
import sys, json, logging
logging.disable(logging.WARNING)
import h5py, numpy
from silx.io.specfile import SpecFile
from PyMca5.PyMcaCore import SpecFileDataSource
out = {}
for job in json.loads(sys.argv[1]):
    try:
        scan = SpecFile(job['spec'])[0]
        src = SpecFileDataSource.SpecFileDataSource(job['spec'])
        key = src.getSourceInfo()['KeyList'][0]
        pymca = src._getScanData(key, raw=False)
        with h5py.File(job['file'], 'r') as f:
            e = f[job['entry']]
            h5 = {m: e['instrument/%s/value' % m][()].tolist() for m in job['motors']}
            epoch = []
            if job['det']:
                d = e['instrument/%s/data' % job['det']][()]
                h5[job['det']] = (d.reshape(d.shape[0], -1).sum(axis=1) if d.ndim > 1 else d).astype(float).tolist()
                epoch = e['instrument/%s/epoch' % job['det']][()].tolist()
            elif job['motors']:
                epoch = e['instrument/%s/epoch' % job['motors'][0]][()].tolist()
            elif 'epoch' in e['measurement']:
                epoch = e['measurement/epoch'][()].tolist()
        out[job['name']] = {'labels': list(scan.labels), 'data': scan.data.tolist(), 'header': list(scan.header) + list(scan.file_header),
                            'pymcaType': int(src.getKeyInfo(key)['ScanType']), 'pymcaShape': list(pymca.data.shape), 'h5': h5, 'epoch': epoch}
    except Exception as err:
        out[job['name']] = {'error': repr(err)}
print(json.dumps(out))`,
    JSON.stringify(jobs),
  );
}, 240_000);

afterAll(async () => {
  await s?.close();
  rmSync(dir, { recursive: true, force: true });
});

const close = (a: number, b: number) => Math.abs(a - b) <= Math.abs(b) * 1e-11 + 1e-9;

describe('exports of every scan type × detector kind', () => {
  it.each(cells.map((c) => [c.name, c] as const))('%s: the scan succeeds and SPEC and CSV have a row per point, equal to the file', (_name, c) => {
    const t = TYPES[c.type]!;
    const k = KINDS[c.kind];
    expect(c.error, 'the scan was refused').toBeUndefined();
    expect(c.report).toMatchObject({ status: 'success', numPoints: t.points });
    expect(c.exportError, 'an export failed').toBeUndefined();
    const got = seen[c.name]!;
    if ('error' in got) throw new Error(`silx/PyMca/h5py could not read the cell: ${got.error}`);

    // SPEC: silx gives one column of `points` values per label; motors and the detector equal the file.
    const meshed = c.type.includes('grid');
    const expectedLabels = [...(meshed ? ['samy_setpoint', 'samx_setpoint'] : []), ...t.motors, 'Epoch', 'Epoch_float', ...(k.column ? [k.column] : [])];
    expect(got.labels).toEqual(expectedLabels);
    expect(got.data).toHaveLength(expectedLabels.length);
    for (const col of got.data) expect(col).toHaveLength(t.points);
    const specCol = (label: string) => got.data[got.labels.indexOf(label)]!;
    for (const m of t.motors) specCol(m).forEach((v, i) => expect(close(v, got.h5[m]![i]!), `${m}[${i}]`).toBe(true));
    if (k.column) specCol(k.column).forEach((v, i) => expect(close(v, got.h5[k.detectors[0]!]![i]!), `${k.column}[${i}]`).toBe(true));
    // Epoch counts from the header's #E; #T is the count time.
    const e0 = Number(got.header.find((h) => h.startsWith('#E '))!.slice(3));
    expect(got.epoch).toHaveLength(t.points);
    specCol('Epoch_float').forEach((v, i) => expect(Math.abs(e0 + v - got.epoch[i]!)).toBeLessThan(1e-3));
    specCol('Epoch').forEach((v, i) => expect(v).toBe(Math.floor(specCol('Epoch_float')[i]!)));
    expect(got.header).toContain('#T 0.002  (Seconds)');
    // Grids are meshes: PyMca's SF_MESH (2), reshaped (columns, slow, fast).
    if (meshed) {
      expect(got.header.find((h) => h.startsWith('#S '))).toMatch(/^#S 1 {2}mesh samy -1 1 2 samx 0 1 1 0\.002$/);
      expect(got.pymcaType & 2).toBe(2);
      expect(got.pymcaShape).toEqual([expectedLabels.length, 2, 3]);
      expect(specCol('samx_setpoint')).toEqual([0, 0, 0, 1, 1, 1]);
      expect(specCol('samy_setpoint')).toEqual(c.type === 'snake grid' ? [-1, 0, 1, 1, 0, -1] : [-1, 0, 1, -1, 0, 1]);
    } else {
      expect(got.pymcaType & 2).toBe(0);
    }

    // CSV: a header and one row per point with the same numbers.
    const lines = readFileSync(c.csv, 'utf8').trim().split('\n');
    const header = lines[0]!.split(',');
    expect(header).toEqual(['seq_num', 'epoch (s)', ...t.motors.map((m) => `${m} (mm)`), ...(k.column ? [`${k.column} (counts)`] : [])]);
    expect(lines).toHaveLength(t.points + 1);
    lines.slice(1).forEach((line, i) => {
      const cellsOf = line.split(',').map(Number);
      expect(cellsOf).toHaveLength(header.length);
      expect(cellsOf[0]).toBe(i + 1);
      expect(Math.abs(cellsOf[1]! - got.epoch[i]!)).toBeLessThan(1e-6);
      t.motors.forEach((m, j) => expect(close(cellsOf[2 + j]!, got.h5[m]![i]!)).toBe(true));
      if (k.column) expect(close(cellsOf[2 + t.motors.length]!, got.h5[k.detectors[0]!]![i]!)).toBe(true);
    });
  });
});
