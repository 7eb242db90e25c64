// Every scan shape is right for every reader: each scan type (count, timescan, line, relative line, multi, grid,
// snake grid, list) with each detector kind (0-D, spectrum, camera, none) succeeds, silx's get_default finds a
// valid plot of the right kind (curve, image stack or map), and `daq read` gives what h5py reads. The same
// scans then show that a catalog rebuilt from the files equals the live one field by field, that PyMca finds
// the positioners, that user metadata cannot overwrite the scan's own fields, and that continuous-saving files
// carry real metadata and a valid default plot. A small camera keeps it fast.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Catalog } from '../../../src/main/catalog/catalog.ts';
import { rebuildCatalog } from '../../../src/main/catalog/rebuild.ts';
import { readSignal } from '../../../src/main/catalog/stored-scan.ts';
import { openSession, type Session } from '../../../src/main/session.ts';
import type { ScanRow } from '../../../src/shared/history.ts';
import type { ScanReport, ScanRequest } from '../../../src/shared/scans.ts';
import { python, PYTHON } from '../../helpers/python.ts';

const TYPES: Record<string, ScanRequest> = {
  count: { type: 'count', points: 3 },
  timescan: { type: 'timescan', points: 3 },
  line: { type: 'line', motor: 'samx', start: -1, stop: 1, points: 3 },
  'relative line': { type: 'line', motor: 'samx', start: -0.5, stop: 0.5, points: 3, relative: true },
  multi: { type: 'multi', axes: [{ motor: 'samx', start: 0, stop: 1 }, { motor: 'samy', start: 1, stop: 0 }], points: 3 },
  grid: { type: 'grid', axes: [{ motor: 'samy', start: 0, stop: 1, points: 2 }, { motor: 'samx', start: -1, stop: 1, points: 3 }] },
  'snake grid': { type: 'grid', axes: [{ motor: 'samy', start: 0, stop: 1, points: 3 }, { motor: 'samx', start: -1, stop: 1, points: 3 }], snake: true },
  list: { type: 'list', motors: ['samx', 'samy'], positions: [[0, 0], [1, 0.5], [-1, 0.2]] },
};
const KINDS: Record<string, string[]> = { '0-D': ['det', 'diode1'], spectrum: ['spectrum1'], camera: ['eiger1'], none: [] };

/** The kind of plot a scientist must see: grids of 0-D values (or of times) are maps, else the detector decides. */
function expectedKind(type: string, kind: string): string {
  if (type.includes('grid') && (kind === '0-D' || kind === 'none')) return 'map';
  return kind === 'camera' ? 'image-stack' : 'curve';
}

let dir: string;
let s: Session;
const cells: { type: string; kind: string; report: ScanReport }[] = [];
let liveRows: ScanRow[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'daq-matrix-'));
  // The default instrument with a 16×16 camera and a 32-channel spectrum: every cell stays tiny.
  const config = readFileSync(join(process.cwd(), 'resources', 'instrument.default.yaml'), 'utf8').replace(/width: 512, height: 512/, 'width: 16, height: 16').replace(/channels: 1024/, 'channels: 32');
  writeFileSync(join(dir, 'instrument.yaml'), config);
  s = await openSession({ dataDir: join(dir, 'data'), basePath: join(dir, 'files'), instrumentFile: join(dir, 'instrument.yaml'), instantMoves: true, seed: 5 });
  // Session metadata at START and at END (instrument), so the catalog's md has both parts.
  s.metadata.set('proposal', 'id', 'ih-1234');
  s.metadata.set('instrument', 'mono_energy', 12.4);
  for (const [type, req] of Object.entries(TYPES)) {
    for (const [kind, detectors] of Object.entries(KINDS)) {
      const md = { sample: { name: `${type}/${kind}` }, operator: 'ada', 'energy@units': 'keV', energy: 8.05 };
      cells.push({ type, kind, report: await s.scan({ ...req, detectors, md }) });
    }
  }
  liveRows = s.catalog.search({ limit: 1000, order: 'asc', sort: 'scanNumber' }).rows;
}, 240_000);

afterAll(async () => {
  await s?.close();
  rmSync(dir, { recursive: true, force: true });
});

const DEFAULTS = `
import sys, json, h5py, logging
logging.disable(logging.WARNING)
from silx.io.nxdata import get_default, NXdata
f = h5py.File(sys.argv[1], 'r')
out = {}
for name in f:
    e = f[name]
    d = get_default(e)
    cell = {'valid': d is not None}
    if d is not None:
        cell['kind'] = ('map' if d.is_image and d.signal.ndim == 2 else 'image-stack' if d.is_image and d.signal.ndim == 3
                        else 'curve' if d.is_curve else 'other')
        cell['shape'] = list(d.signal.shape)
        cell['signal'] = d.signal.name.split('/')[-1]
        cell['axes'] = [a if a is None else a.split('/')[-1] for a in d.axes_dataset_names]
        import numpy as np
        if d.signal.ndim == 2 and cell['kind'] == 'map':
            cell['map'] = np.where(np.isnan(d.signal[()]), None, d.signal[()]).tolist()
            cell['axis_values'] = [d.axes[0][()].tolist(), d.axes[1][()].tolist()]
    if 'scatter' in e:
        sc = NXdata(e['scatter'])
        cell['scatter'] = sc.is_valid and sc.is_x_y_value_scatter
    cell['links'] = sorted(e['plotselect'].keys())
    info = e['scan_info']
    cell['info'] = {k: (info[k][()].decode() if isinstance(info[k][()], bytes) else info[k][()].tolist()) for k in info}
    out[name] = cell
print(json.dumps(out))
`;

describe('every scan type × every detector kind', () => {
  it('succeeds, with one row per point', () => {
    for (const c of cells) {
      expect(c.report.status, `${c.type} × ${c.kind}: ${c.report.reason}`).toBe('success');
      const n = c.type === 'snake grid' ? 9 : c.type === 'grid' ? 6 : 3;
      expect(c.report.numPoints, `${c.type} × ${c.kind}`).toBe(n);
    }
  });

  it("has a default plot silx's get_default finds valid, of the right kind, with no duplicate or motor signal", () => {
    const got = python<Record<string, { valid: boolean; kind?: string; shape: number[]; signal: string; axes: (string | null)[]; scatter?: boolean; links: string[]; map?: (number | null)[][]; axis_values?: number[][]; info: Record<string, unknown> }>>(DEFAULTS, cells[0]!.report.file);
    for (const c of cells) {
      const g = got[c.report.entry]!;
      const what = `${c.type} × ${c.kind}`;
      expect(g.valid, what).toBe(true);
      expect(g.kind, what).toBe(expectedKind(c.type, c.kind));
      const req = TYPES[c.type] as { motor?: string; motors?: string[]; axes?: { motor: string }[] };
      const motors = req.motor ? [req.motor] : (req.motors ?? req.axes?.map((a) => a.motor) ?? []);
      expect(motors, what).not.toContain(g.signal); // never a motor as the signal
      expect(g.signal, what).toBe(c.kind === '0-D' ? 'det' : c.kind === 'none' ? 'elapsed_time' : KINDS[c.kind]![0]);
      // An axis name (or None) for every dimension of the signal.
      expect(g.axes.length, what).toBe(g.shape.length);
      if (g.kind === 'map') {
        const grid = (TYPES[c.type] as { axes: { motor: string; start: number; stop: number; points: number }[] }).axes;
        expect(g.shape, what).toEqual([grid[0]!.points, grid[1]!.points]);
        expect(g.axes, what).toEqual(['samy', 'samx']);
        expect(g.axis_values![1], what).toEqual([-1, 0, 1]);
        expect(g.map!.flat().every((v) => typeof v === 'number'), `${what}: every measured cell filled`).toBe(true);
        expect(g.scatter, what).toBe(true);
        expect(g.info).toMatchObject({ npoints1: grid[1]!.points, npoints2: grid[0]!.points, motor1: 'samx', motor2: 'samy', data_dim: 2, grid_shape: [grid[0]!.points, grid[1]!.points] });
      } else if (motors.length) {
        expect(g.axes[0], what).toBe(motors[0]);
      }
      expect(new Set(g.links).size, what).toBe(g.links.length);
      expect(g.info).toMatchObject({ count_time: 0, detectors: JSON.stringify(KINDS[c.kind]) });
    }
  });

  it('puts a snake grid back in order: each map cell is the point measured at its set points', async () => {
    const snake = cells.find((c) => c.type === 'snake grid' && c.kind === '0-D')!;
    const row = s.catalog.resolve(String(snake.report.scanNumber));
    const det = await readSignal(row, 'det');
    const samx = await readSignal(row, 'samx');
    const got = python<Record<string, { map: number[][] }>>(DEFAULTS, snake.report.file)[snake.report.entry]!;
    // Point order: row 0 left→right, row 1 right→left, row 2 left→right.
    const order = [[0, 0], [0, 1], [0, 2], [1, 2], [1, 1], [1, 0], [2, 0], [2, 1], [2, 2]];
    order.forEach(([r, c], i) => expect(got.map[r!]![c!]).toBe(det.value[i]));
    // The measured x of each point is near the set point of its column.
    order.forEach(([, c], i) => expect(Math.abs((samx.value[i] as number) - [-1, 0, 1][c!]!)).toBeLessThan(0.05));
  });

  it('`daq read` gives exactly what h5py reads, for every channel of every cell', async () => {
    const READ = `
import sys, json, h5py
f = h5py.File(sys.argv[1], 'r')
out = {}
for name in f:
    for dev, g in f[name + '/instrument'].items():
        if not isinstance(g, h5py.Group) or g.attrs.get('NX_class') not in ('NXpositioner', 'NXdetector', 'NXcollection') or 'epoch' not in g:
            continue
        sig = 'value' if 'value' in g else 'data' if 'data' in g else 'elapsed_time'
        if g[sig].ndim > 2:
            out[name + '/' + dev] = None
            continue
        out[name + '/' + dev] = {'timestamp': g['epoch'][()].tolist(), 'value': g[sig][()].tolist()}
print(json.dumps(out))`;
    const h5 = python<Record<string, { timestamp: number[]; value: unknown[] } | null>>(READ, cells[0]!.report.file);
    let compared = 0;
    for (const c of cells) {
      const row = s.catalog.resolve(String(c.report.scanNumber));
      for (const dev of [...row.motors, ...row.detectors, 'timer']) {
        const want = h5[`${c.report.entry}/${dev}`];
        expect(want, `${c.type} × ${c.kind} ${dev}`).toBeDefined();
        if (want === null) {
          await expect(readSignal(row, dev)).rejects.toThrow(/holds images/);
          continue;
        }
        const got = await readSignal(row, dev, dev === 'timer' ? 'elapsed_time' : dev);
        expect(got, `${c.type} × ${c.kind} ${dev}`).toEqual(want);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(60);
    // And the command itself prints the same JSON.
    const c = cells.find((x) => x.type === 'list' && x.kind === 'spectrum')!;
    const r = spawnSync(process.execPath, ['bin/daq.mjs', 'read', String(c.report.scanNumber), 'spectrum1', '--json', '--data-dir', join(dir, 'data'), '--base-path', join(dir, 'files'), '--instrument', join(dir, 'instrument.yaml')], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(h5[`${c.report.entry}/spectrum1`]);
  });
});

describe('the catalog rebuilt from the files', () => {
  it('equals the live catalog, field by field, for every scan type and detector kind', async () => {
    expect(liveRows).toHaveLength(cells.length);
    const fresh = new Catalog(mkdtempSync(join(dir, 'rebuilt-')));
    try {
      const report = await rebuildCatalog(fresh, join(dir, 'files'));
      expect(report).toMatchObject({ scans: cells.length, missing: [], unreadable: [] });
      const rebuilt = fresh.search({ limit: 1000, order: 'asc', sort: 'scanNumber' }).rows;
      expect(rebuilt).toHaveLength(liveRows.length);
      for (let i = 0; i < liveRows.length; i++) {
        const live = liveRows[i]!;
        const back = rebuilt[i]!;
        for (const field of Object.keys(live) as (keyof ScanRow)[]) expect(back[field], `scan ${live.scanNumber} (${live.title}) ${field}`).toEqual(live[field]);
      }
      // What the issue saw lost: the whole md (proposal, operator, energy, END instrument metadata), detector order.
      expect(rebuilt[0]!.md).toMatchObject({ proposal: { id: 'ih-1234' }, operator: 'ada', energy: 8.05, _end: { instrument: { mono_energy: 12.4 } } });
      expect(rebuilt.find((r) => r.detectors.length === 2)!.detectors).toEqual(['det', 'diode1']);
    } finally {
      fresh.close();
    }
  });

  it('still finds every scan after the base path changed: files the catalog knows are read where they are', async () => {
    const moved = join(dir, 'elsewhere');
    const copy = new Catalog(mkdtempSync(join(dir, 'copy-')));
    try {
      for (const r of liveRows) copy.upsert({ ...r, reason: 'stale' });
      const report = await rebuildCatalog(copy, moved);
      expect(report.missing).toEqual([]);
      expect(report.scans).toBe(cells.length);
      expect(copy.resolve(String(liveRows[0]!.scanNumber)).reason).toBe('');
    } finally {
      copy.close();
    }
  });
});

describe('BLISS and PyMca conventions', () => {
  it('PyMca finds the positioners and the scanned motors; measurement/elapsed_time and scan_info are there', () => {
    const line = cells.find((c) => c.type === 'line' && c.kind === '0-D')!;
    const grid = cells.find((c) => c.type === 'grid' && c.kind === '0-D')!;
    const got = python<Record<string, { positioners: string[]; scanned: string[]; elapsed: number[]; count_time: number; omega_units: string }>>(
      `
import sys, json, h5py, logging
logging.disable(logging.WARNING)
from PyMca5.PyMcaCore import NexusTools
f = h5py.File(sys.argv[1], 'r')
out = {}
for name in sys.argv[2:]:
    p = NexusTools.getPositionersGroup(f, name)
    out[name] = {'positioners': sorted(p.keys()) if p is not None else [],
                 'scanned': [s.split('/')[-1] for s in NexusTools.getScannedPositioners(f, name)],
                 'elapsed': f[name + '/measurement/elapsed_time'][()].tolist(),
                 'count_time': float(f[name + '/scan_info/count_time'][()]),
                 'omega_units': p['omega'].attrs['units']}
print(json.dumps(out))`,
      line.report.file,
      line.report.entry,
      grid.report.entry,
    );
    const all = ['chi', 'omega', 'phi', 'samx', 'samy', 'samz', 'ttheta'];
    expect(got[line.report.entry]).toMatchObject({ positioners: all, scanned: ['samx'], count_time: 0, omega_units: 'deg' });
    expect(got[grid.report.entry]!.scanned.sort()).toEqual(['samx', 'samy']);
    const elapsed = got[line.report.entry]!.elapsed;
    expect(elapsed).toHaveLength(3);
    for (let i = 1; i < elapsed.length; i++) expect(elapsed[i]!).toBeGreaterThanOrEqual(elapsed[i - 1]!);
  });
});

describe('user metadata', () => {
  it("cannot overwrite the scan's own fields: they go to user_md/, and '@' keys follow the attribute rule", async () => {
    const r = await s.scan({ type: 'line', motor: 'samx', start: 0, stop: 1, points: 2, md: { end_time: '2001-01-01', exit_status: 'great', num_points: 99, '@NX_class': 'NXfoo', 'energy@units': 'keV', energy: 7, '@comment': 'hello', instrument: { positioners: 'mine', mono: { e: 1 } } } });
    expect(r.status).toBe('success');
    const got = python<Record<string, unknown>>(
      `
import sys, json, h5py
e = h5py.File(sys.argv[1], 'r')[sys.argv[2]]
s = lambda x: x[()].decode() if isinstance(x[()], bytes) else x[()].item()
print(json.dumps({'end_time': s(e['end_time']), 'exit_status': s(e['exit_status']), 'num_points': s(e['num_points']),
  'class': e.attrs['NX_class'], 'comment': e.attrs['comment'], 'energy_units': e['energy'].attrs['units'],
  'names_with_at': [k for k in e if '@' in k],
  'user': {k: s(v) for k, v in e['user_md'].items() if not isinstance(v, h5py.Group)}, 'user_class': e['user_md'].attrs['user_NX_class'],
  'user_positioners': s(e['user_md/instrument/positioners']), 'positioners_is_group': isinstance(e['instrument/positioners'], h5py.Group),
  'mono': s(e['instrument/mono/e'])}))`,
      r.file,
      r.entry,
    );
    expect(got).toMatchObject({ exit_status: 'success', num_points: 2, class: 'NXentry', comment: 'hello', energy_units: 'keV', names_with_at: [], user_class: 'NXfoo', user_positioners: 'mine', positioners_is_group: true, mono: 1 });
    expect(got.end_time).not.toBe('2001-01-01');
    expect(got.user).toEqual({ end_time: '2001-01-01', exit_status: 'great', num_points: 99 });
    // A rebuild keeps the scan's own status and count; the user's values stay in md.
    const fresh = new Catalog(mkdtempSync(join(dir, 'md-')));
    try {
      await rebuildCatalog(fresh, join(dir, 'files'));
      const row = fresh.resolve(String(r.scanNumber));
      expect(row).toMatchObject({ exitStatus: 'success', numPoints: 2 });
      expect(row.md).toMatchObject({ exit_status: 'great', num_points: 99 });
    } finally {
      fresh.close();
    }
  });
});

describe('continuous-saving files', () => {
  it('carry real metadata (exp_time, seed, scan number, planned frames, positioners_end, session md) and a valid image-stack default', async () => {
    s.viewer.setExpTime('eiger1', 0.01);
    await s.saver.setDoSave(true, 'eiger1', 10);
    await s.viewer.grab('eiger1', 10);
    await s.saver.setDoSave(false);
    const file = s.saver.lastFile;
    const got = python<Record<string, unknown>>(
      `
import sys, json, h5py, logging
logging.disable(logging.WARNING)
from silx.io.nxdata import get_default
f = h5py.File(sys.argv[1], 'r')
name = f.attrs['default']
e = f[name]
d = get_default(f)
print(json.dumps({'entry': name, 'exp_time': float(e['exp_time'][()]), 'settings_exp_time': float(e['instrument/eiger1/settings/exp_time'][()]),
  'seed': int(e['seed'][()]), 'scan_number': int(e['scan_number'][()]), 'planned': int(e['num_points_planned'][()]), 'num_points': int(e['num_points'][()]),
  'pend': sorted(e['instrument/positioners_end'].keys()), 'count_time': float(e['scan_info/count_time'][()]),
  'proposal': e['proposal/id'][()].decode(), 'mono_energy': float(e['instrument/mono_energy'][()]),
  'valid': d is not None, 'image': d is not None and d.is_image, 'shape': list(d.signal.shape) if d is not None else None}))`,
      file,
    );
    expect(got).toMatchObject({ exp_time: 0.01, settings_exp_time: 0.01, planned: 10, num_points: 10, count_time: 0.01, valid: true, image: true, shape: [10, 16, 16] });
    // The session metadata a scan gets (START and END), here too.
    expect(got).toMatchObject({ proposal: 'ih-1234', mono_energy: 12.4 });
    expect(got.seed).not.toBe(0);
    expect(got.scan_number).toBeGreaterThan(cells.length);
    expect(got.entry).toBe(`${String(got.scan_number)}.1`);
    expect(got.pend).toEqual(['chi', 'omega', 'phi', 'samx', 'samy', 'samz', 'ttheta']);
  });
});

describe('a grid map being written', () => {
  it('fills as points arrive: a reader following the file sees measured cells filled and the others NaN', async () => {
    const running = s.startScan({ type: 'grid', axes: [{ motor: 'samy', start: 0, stop: 1, points: 5 }, { motor: 'samx', start: -1, stop: 1, points: 5 }], snake: true, expTime: 0.1, detectors: ['det'] });
    const where = await new Promise<{ file: string; entry: string }>((resolve) => {
      const t = setInterval(() => {
        const w = s.writer!.written.get(running.uid);
        if (w) {
          clearInterval(t);
          resolve(w);
        }
      }, 10);
    });
    // Follows the file (SWMR) until the map is full: how many cells are measured, and that the rest are NaN.
    const seen = await new Promise<{ finite: number; nan: number }[]>((resolve, reject) => {
      const child = spawn(PYTHON, ['-c', `
import sys, json, time, h5py, numpy as np
seen = []
for i in range(300):
    try:
        with h5py.File(sys.argv[1], 'r', swmr=True) as f:
            m = f[sys.argv[2] + '/plotselect/det'][()]
    except (OSError, KeyError):
        time.sleep(0.05)
        continue
    seen.append({'finite': int(np.isfinite(m).sum()), 'nan': int(np.isnan(m).sum())})
    if seen[-1]['finite'] == m.size:
        break
    time.sleep(0.05)
print(json.dumps(seen))`, where.file, where.entry], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (err += d));
      child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as { finite: number; nan: number }[]) : reject(new Error(err))));
    });
    const report = await running.done;
    expect(report.status).toBe('success');
    for (const v of seen) expect(v.finite + v.nan).toBe(25);
    expect(seen.some((v) => v.finite > 0 && v.finite < 25), JSON.stringify(seen)).toBe(true);
    expect(seen.at(-1)!.finite).toBe(25);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.finite).toBeGreaterThanOrEqual(seen[i - 1]!.finite);
  });
});

describe('nxsummary', () => {
  it('summarises an entry with the shipped config once the entry is put in', () => {
    const c = cells.find((x) => x.type === 'line' && x.kind === '0-D')!;
    const config = join(dir, 'nxsummary.xml');
    writeFileSync(config, readFileSync(join(process.cwd(), 'resources', 'nxsummary.xml'), 'utf8').replaceAll('/ENTRY/', `/${c.report.entry}/`));
    const r = spawnSync('nxsummary', ['--config', config, c.report.file], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(`TITLE:${liveRows.find((x) => x.uid === c.report.uid)!.title}`);
    expect(r.stdout).toMatch(/EXIT STATUS:success/);
    expect(r.stdout).toMatch(/POINTS:3/);
    expect(r.stdout).toMatch(/NAME:line\/0-D/);
  });
});
