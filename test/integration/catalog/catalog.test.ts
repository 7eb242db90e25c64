// The catalog and history: rows written as scans run, lookups by index, number, uid and prefix, searches, a
// rebuild from the files that ends with the same catalog, safe concurrent use, schema versions and a corrupt
// file; and the exports: SPEC parsed by silx.io.specfile with every number compared with the HDF5 file, CSV.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScanReport } from '../../../src/shared/scans.ts';
import { Catalog } from '../../../src/main/catalog/catalog.ts';
import { openSession, type Session } from '../../../src/main/session.ts';
import { python } from '../../helpers/python.ts';
import { waitFor } from '../../helpers/wait-for.ts';

const dir = mkdtempSync(join(tmpdir(), 'daq-catalog-'));
const dataDir = join(dir, 'data');
const basePath = join(dir, 'files');
let s: Session;
const reports: ScanReport[] = [];

beforeAll(async () => {
  s = await openSession({ dataDir, basePath, instantMoves: true });
  reports.push(await s.scan({ type: 'line', motor: 'samx', start: -1, stop: 1, points: 5, detectors: ['det', 'diode1', 'monitor'], md: { sample: { name: 'Si 111' }, operator: 'ada' } }));
  reports.push(await s.scan({ type: 'count', points: 3, md: { sample: { name: 'Ge' }, comment: 'After the Anneal' } }));
  reports.push(await s.scan({ type: 'grid', axes: [{ motor: 'samx', start: 0, stop: 1, points: 2 }, { motor: 'samy', start: 0, stop: 1, points: 3 }], snake: true, detectors: ['det', 'spectrum1'] }));
  const aborted = s.startScan({ type: 'timescan', expTime: 0.01, detectors: ['diode1'] });
  await waitFor(() => s.engine.scanState().done >= 1, { what: 'the first point of the scan to abort' });
  s.engine.abort();
  reports.push(await aborted.done);
});

afterAll(async () => {
  await s.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('catalog', () => {
  it('has one row per scan with what it was and where it is', async () => {
    const last = await s.api.getScan('-1');
    expect(last).toMatchObject({ uid: reports[3]!.uid, planName: 'timescan', exitStatus: 'abort', status: 'finished', file: reports[3]!.file, entry: reports[3]!.entry });
    const first = await s.api.getScan(String(reports[0]!.scanNumber));
    expect(first).toMatchObject({ planName: 'line_scan', motors: ['samx'], detectors: ['det', 'diode1', 'monitor'], numPoints: 5, sample: 'Si 111', exitStatus: 'success' });
    expect(first.md).toMatchObject({ operator: 'ada' });
    expect(first.endTime).toBeGreaterThanOrEqual(first.startTime);
  });

  it('finds scans by uid and unique prefix; an ambiguous prefix lists the matches', async () => {
    const r = reports[1]!;
    expect((await s.api.getScan(r.uid)).scanNumber).toBe(r.scanNumber);
    expect((await s.api.getScan(r.uid.slice(0, 8))).scanNumber).toBe(r.scanNumber);
    const cat = s.catalog;
    // Two uids sharing a prefix, made on purpose.
    cat.upsert({ uid: 'abcd0001-0000-0000-0000-000000000000', scanNumber: 900, planName: 'count', title: 'x', status: 'finished', exitStatus: 'success', reason: '', startTime: 1, endTime: 2, numPoints: 1, file: '', entry: '', motors: [], detectors: [], md: {}, planArgs: {}, seed: null });
    cat.upsert({ uid: 'abcd0002-0000-0000-0000-000000000000', scanNumber: 901, planName: 'count', title: 'x', status: 'finished', exitStatus: 'success', reason: '', startTime: 2, endTime: 3, numPoints: 1, file: '', entry: '', motors: [], detectors: [], md: {}, planArgs: {}, seed: null });
    await expect(s.api.getScan('abcd')).rejects.toThrow(/"abcd" is ambiguous.*abcd0001.*scan 900.*abcd0002.*scan 901/);
    await expect(s.api.getScan('ffff')).rejects.toThrow(/No scan uid starts with "ffff"/);
    await expect(s.api.getScan('-999')).rejects.toThrow(/No scan at history index -999/);
    cat.db.prepare("DELETE FROM scans WHERE uid LIKE 'abcd%'").run();
  });

  it('searches by time range (since inclusive, until exclusive), plan, motor, detector, status, sample, metadata and title text', async () => {
    const t = reports[1]!.startTime;
    const nums = async (q: Parameters<Session['api']['searchHistory']>[0]) => (await s.api.searchHistory({ ...q, sort: 'scanNumber', order: 'asc' })).rows.map((r) => r.scanNumber);
    const n = reports.map((r) => r.scanNumber);
    expect(await nums({ since: t })).toEqual(n.slice(1));
    expect(await nums({ until: t })).toEqual(n.slice(0, 1));
    expect(await nums({ since: new Date(t * 1000).toISOString() })).toEqual(n.slice(1));
    expect(await nums({ plan: 'line_scan' })).toEqual([n[0]]);
    expect(await nums({ motor: 'samy' })).toEqual([n[2]]);
    expect(await nums({ detector: 'spectrum1' })).toEqual([n[2]]);
    expect(await nums({ status: 'abort' })).toEqual([n[3]]);
    expect(await nums({ sample: 'Ge' })).toEqual([n[1]]);
    expect(await nums({ md: { operator: 'ada' } })).toEqual([n[0]]);
    expect(await nums({ md: { 'sample.name': 'Si 111' } })).toEqual([n[0]]);
    expect(await nums({ text: 'snake' })).toEqual([n[2]]);
    expect(await nums({ text: '%' })).toEqual([]);
    // Sample and text are case-insensitive substrings, and the text is also looked for in the comment.
    expect(await nums({ sample: 'si' })).toEqual([n[0]]);
    expect(await nums({ sample: '111' })).toEqual([n[0]]);
    expect(await nums({ sample: '%' })).toEqual([]);
    expect(await nums({ text: 'anneal' })).toEqual([n[1]]);
    expect(await nums({ text: 'SNAKE' })).toEqual([n[2]]);
    const page = await s.api.searchHistory({ limit: 2, offset: 1, sort: 'scanNumber', order: 'desc' });
    expect(page.total).toBe(4);
    expect(page.rows.map((r) => r.scanNumber)).toEqual([n[2], n[1]]);
    await expect(s.api.searchHistory({ since: 'last tuesday' })).rejects.toThrow(/"last tuesday" is not a date. Write it as ISO 8601/);
  });

  it('reads a stored scan lazily from its file, as {timestamp, value}', () => {
    const r = spawnSync(process.execPath, ['bin/daq.mjs', 'read', String(reports[0]!.scanNumber), 'samx', '--json', '--data-dir', dataDir, '--base-path', basePath], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const got = JSON.parse(r.stdout) as { timestamp: number[]; value: number[] };
    expect(got.value.map((v) => Math.round(v * 2) / 2 + 0)).toEqual([-1, -0.5, 0, 0.5, 1]);
    expect(got.timestamp).toHaveLength(5);
  });

  it('rebuilds from the files into the same catalog, and reports rows whose files are gone', async () => {
    const before = (await s.api.searchHistory({ limit: 100, sort: 'scanNumber', order: 'asc' })).rows;
    const db = new Database(join(dataDir, 'catalog.sqlite'));
    db.prepare('DELETE FROM scans').run();
    db.close();
    const rep = await s.api.rebuildCatalog();
    expect(rep.scans).toBe(4);
    expect(rep.missing).toEqual([]);
    const after = (await s.api.searchHistory({ limit: 100, sort: 'scanNumber', order: 'asc' })).rows;
    const key = (r: (typeof before)[number]) => ({ ...r, startTime: Math.round(r.startTime * 1000), endTime: r.endTime && Math.round(r.endTime * 1000), md: { sample: r.md.sample } });
    expect(after.map(key)).toEqual(before.map(key));
    // A file that disappears: its rows stay and are reported.
    const moved = `${reports[0]!.file}.moved`;
    writeFileSync(moved, readFileSync(reports[0]!.file));
    rmSync(reports[0]!.file);
    const rep2 = await s.api.rebuildCatalog();
    expect(rep2.missing.map((m) => m.uid).sort()).toEqual(reports.filter((r) => r.file === reports[0]!.file).map((r) => r.uid).sort());
    expect((await s.api.getScan(reports[0]!.uid)).uid).toBe(reports[0]!.uid);
    writeFileSync(reports[0]!.file, readFileSync(moved));
    rmSync(moved);
  });

  it('is safe with the app and a daq command writing at once', async () => {
    const script = (k: number) => `
      const { openSession } = await import('./src/main/session.ts');
      const s = await openSession({ dataDir: ${JSON.stringify(dataDir)}, basePath: ${JSON.stringify(basePath)}, instantMoves: true });
      for (let i = 0; i < 6; i++) await s.scan({ type: 'count', points: 2, md: { proc: ${k} } });
      await s.close();`;
    const run = (k: number) => new Promise<number>((resolve) => spawn(process.execPath, ['--input-type=module', '-e', script(k)], { stdio: 'inherit' }).on('exit', (c) => resolve(c ?? 1)));
    const codes = await Promise.all([run(1), run(2), (async () => {
      for (let i = 0; i < 6; i++) await s.scan({ type: 'count', points: 2, md: { proc: 0 } });
      return 0;
    })()]);
    expect(codes).toEqual([0, 0, 0]);
    for (const k of [0, 1, 2]) expect((await s.api.searchHistory({ md: { proc: k } })).total).toBe(6);
    const all = (await s.api.searchHistory({ limit: 1000 })).rows.map((r) => r.scanNumber);
    expect(new Set(all).size).toBe(all.length);
  });
});

describe('catalog files', () => {
  it('refuses a catalog from a newer DAQ Studio and changes nothing in it', () => {
    const d = mkdtempSync(join(dir, 'newer-'));
    const db = new Database(join(d, 'catalog.sqlite'));
    db.pragma('user_version = 99');
    db.close();
    expect(() => new Catalog(d)).toThrow(/written by a newer DAQ Studio \(catalog schema 99; this version knows 1\)\. Update DAQ Studio, or move the file away/);
    const again = new Database(join(d, 'catalog.sqlite'));
    expect(again.pragma('user_version', { simple: true })).toBe(99);
    again.close();
  });

  it('moves a corrupt catalog aside and rebuilds it from the files, with a message', async () => {
    const d = join(dir, 'corrupt-data');
    const a = await openSession({ dataDir: d, basePath: join(dir, 'corrupt-files'), instantMoves: true });
    await a.scan({ type: 'count', points: 2 });
    await a.close();
    writeFileSync(join(d, 'catalog.sqlite'), 'this is not a database at all, just text '.repeat(200));
    for (const f of ['catalog.sqlite-wal', 'catalog.sqlite-shm']) rmSync(join(d, f), { force: true });
    const logs: string[] = [];
    const b = await (async () => {
      const { Session } = await import('../../../src/main/session.ts');
      const x = new Session({ dataDir: d, basePath: join(dir, 'corrupt-files'), instantMoves: true });
      x.on('app.log', (l) => logs.push(l.message));
      await x.recover();
      return x;
    })();
    expect(logs.join('\n')).toMatch(/The catalog was damaged; it was moved to .*catalog\.sqlite\.corrupt-\d+ and rebuilt from 1 file\(s\) \(1 scans\)/);
    expect((await b.api.searchHistory({})).total).toBe(1);
    await b.close();
  });
});

describe('a catalog that cannot be written', () => {
  it('never fails a scan: the file is saved, the user is told to rebuild, and a rebuild brings the scan back', async () => {
    const d = join(dir, 'locked-data');
    const a = await openSession({ dataDir: d, basePath: join(dir, 'locked-files'), instantMoves: true });
    const logs: string[] = [];
    a.on('app.log', (l) => logs.push(l.message));
    // Another process holds the catalog locked (e.g. a stuck tool).
    const other = new Database(join(d, 'catalog.sqlite'));
    other.exec('BEGIN EXCLUSIVE');
    const r = await a.scan({ type: 'count', points: 3 });
    other.exec('ROLLBACK');
    other.close();
    expect(r.status).toBe('success');
    expect(existsSync(r.file)).toBe(true);
    expect(logs.join('\n')).toMatch(/The catalog could not record scan \d+ .*its data file is saved\. Run `daq catalog rebuild`/);
    await expect(a.api.getScan(r.uid)).rejects.toThrow(/No scan uid/);
    await a.api.rebuildCatalog();
    expect((await a.api.getScan(r.uid)).numPoints).toBe(3);
    await a.close();
  });
});

describe('exports', () => {
  it('writes SPEC that silx reads, every number equal to the HDF5 file, and appends with continued numbering', async () => {
    const out = join(dir, 'scans.spec');
    const first = await s.api.exportSpec([String(reports[0]!.scanNumber), String(reports[2]!.scanNumber)], out, false);
    expect(first.scans.map((x) => x.specNumber)).toEqual([1, 2]);
    // The refusal has its own code and names no control: the CLI and the UI each add theirs.
    await expect(s.api.exportSpec(['-1'], out, false)).rejects.toMatchObject({ code: 'EXISTS', message: expect.stringMatching(/exists\. Append these scans to it, overwrite it, or choose another file name\.$/) });
    const second = await s.api.exportSpec([String(reports[1]!.scanNumber)], out, true);
    expect(second.scans[0]!.specNumber).toBe(3);
    const text = readFileSync(out, 'utf8');
    expect(text.split('\n').slice(0, 4).map((l) => l.slice(0, 3))).toEqual(['#F ', '#E ', '#D ', '#C ']);
    expect(text).toMatch(/^#S 1 {2}line_scan samx -1 1 5 0$/m);
    expect(text).not.toMatch(/nan|inf/i);
    const got = python<Record<string, { labels: string[]; data: number[][]; motors: string[]; positions: number[] }>>(`
import sys, json
from silx.io.specfile import SpecFile
sf = SpecFile(sys.argv[1])
out = {}
for scan in sf:
    out[scan.number] = {'labels': list(scan.labels), 'data': scan.data.tolist(), 'motors': list(scan.motor_names), 'positions': [float(p) for p in scan.motor_positions]}
print(json.dumps(out))`, out);
    expect(Object.keys(got)).toEqual(['1', '2', '3']);
    // Compare with the HDF5 file, read by h5py.
    const h5 = python<Record<string, number[]>>(`
import sys, json, h5py
e = h5py.File(sys.argv[1], 'r')[sys.argv[2]]
print(json.dumps({k: e['instrument/' + k + ('/value' if k.startswith('sam') else '/data')][()].tolist() for k in ['samx', 'det', 'diode1', 'monitor']} | {'pstart_samy': [float(e['instrument/positioners_start/samy'][()])]}))`, reports[0]!.file, reports[0]!.entry);
    const s1 = got['1']!;
    expect(s1.labels).toEqual(['samx', 'Epoch', 'Epoch_float', 'diode1', 'monitor', 'det']);
    const col = (name: string) => s1.data[s1.labels.indexOf(name)]!;
    for (const k of ['samx', 'det', 'diode1', 'monitor']) {
      const spec = col(k);
      const file = h5[k]!;
      expect(spec).toHaveLength(file.length);
      spec.forEach((v, i) => expect(Math.abs(v - file[i]!)).toBeLessThanOrEqual(Math.abs(file[i]!) * 1e-11 + 1e-300));
    }
    expect(s1.motors).toEqual(['chi', 'omega', 'phi', 'samx', 'samy', 'samz', 'ttheta']);
    expect(s1.positions[s1.motors.indexOf('samy')]).toBeCloseTo(h5.pstart_samy![0]!, 9);
    // A 2-motor grid is a SPEC mesh: set points (fast motor first), then the measured positions; the spectrum as its sum.
    expect(got['2']!.labels).toEqual(['samy_setpoint', 'samx_setpoint', 'samx', 'samy', 'Epoch', 'Epoch_float', 'spectrum1_sum', 'det']);
    expect(got['2']!.data[0]).toHaveLength(6);
  });

  it('writes CSV of the 0-D channels with time stamps, and refuses to overwrite', async () => {
    const out = join(dir, 'scan.csv');
    const r = await s.api.exportCsv(String(reports[0]!.scanNumber), out);
    expect(r.rows).toBe(5);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('seq_num,epoch (s),samx (mm),det (counts),diode1 (counts),monitor (counts)');
    expect(lines).toHaveLength(6);
    expect(lines[1]!.split(',')[0]).toBe('1');
    await expect(s.api.exportCsv('-1', out)).rejects.toThrow(/exists/);
    await expect(s.api.exportCsv('-1', 'relative.csv')).rejects.toThrow(/absolute path/);
    await expect(s.api.exportCsv('-1', join(dir, 'nope', 'x.csv'))).rejects.toThrow(/does not exist/);
    expect(existsSync(join(dir, 'nope'))).toBe(false);
  });
});
