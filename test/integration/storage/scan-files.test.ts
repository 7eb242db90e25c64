// Scan files are standard NeXus that third-party readers open without help: h5py reads back exactly what the
// documents carried, silx finds the default plot of every scan, h5dump opens the file, HDF5 1.10 readers can
// (libver v110), compression is real, and one dataset file holds many scans until "New dataset".
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Doc, EventDoc } from '../../../src/shared/documents.ts';
import type { ScanReport } from '../../../src/shared/scans.ts';
import { datasetStorageSize } from '../../../src/main/h5browse/storage-size.ts';
import { openSession, type Session } from '../../../src/main/session.ts';
import { python } from '../../helpers/python.ts';
import { waitFor } from '../../helpers/wait-for.ts';

let dir: string;
let s: Session;
const docs: Doc[] = [];
let line: ScanReport;
let count: ScanReport;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'daq-files-'));
  s = await openSession({ dataDir: join(dir, 'data'), basePath: join(dir, 'files'), instantMoves: true, seed: 11 });
  s.engine.subscribe((d) => void docs.push(d));
  line = await s.scan({
    type: 'line', motor: 'samx', start: -1, stop: 1, points: 7, detectors: ['det', 'diode1', 'spectrum1', 'eiger1'],
    md: { sample: { name: 'Si 111', 'thickness@units': 'mm', thickness: 0.5 }, instrument: { mono: { energy: 12.4, 'energy@units': 'keV', '@NX_class': 'NXmonochromator' } }, comment: 'first light' },
  });
  count = await s.scan({ type: 'count', points: 4 });
});

afterAll(async () => {
  await s.close();
  rmSync(dir, { recursive: true, force: true });
});

const READ = `
import sys, json, hashlib, h5py, numpy as np
f = h5py.File(sys.argv[1], 'r')
e = f[sys.argv[2]]
def s(x):
    v = x[()]
    return v.decode() if isinstance(v, bytes) else (v.item() if hasattr(v, 'item') else v)
out = {
  'libver': f.libver[0], 'root_default': f.attrs['default'], 'entry_default': e.attrs['default'],
  'title': s(e['title']), 'scan_uid': s(e['scan_uid']), 'scan_number': s(e['scan_number']), 'exit_status': s(e['exit_status']),
  'start_time': s(e['start_time']), 'end_time': s(e['end_time']), 'seed': s(e['seed']), 'plan_name': s(e['plan_name']),
  'samx': e['instrument/samx/value'][()].tolist(), 'samx_units': e['instrument/samx/value'].attrs['units'],
  'det': e['measurement/det'][()].tolist(), 'diode1': e['instrument/diode1/data'][()].tolist(),
  'spectrum_shape': list(e['instrument/spectrum1/data'].shape),
  'spectrum_sha1': [hashlib.sha1(np.ascontiguousarray(r).tobytes()).hexdigest() for r in e['instrument/spectrum1/data'][()]],
  'eiger_shape': list(e['instrument/eiger1/data'].shape), 'eiger_dtype': str(e['instrument/eiger1/data'].dtype),
  'eiger_chunks': list(e['instrument/eiger1/data'].chunks),
  'eiger_sha1': [hashlib.sha1(np.ascontiguousarray(e['instrument/eiger1/data'][i]).tobytes()).hexdigest() for i in range(e['instrument/eiger1/data'].shape[0])],
  'epoch': e['instrument/det/epoch'][()].tolist(),
  'pstart': {k: float(v[()]) for k, v in e['instrument/positioners_start'].items()},
  'pend': {k: float(v[()]) for k, v in e['instrument/positioners_end'].items()},
  'pstart_units': e['instrument/positioners_start/samx'].attrs['units'],
  'sample_name': s(e['sample/name']), 'thickness_units': e['sample/thickness'].attrs['units'],
  'mono_class': e['instrument/mono'].attrs['NX_class'], 'energy_units': e['instrument/mono/energy'].attrs['units'],
  'comment': s(e['comment']), 'plan_args': json.loads(s(e['plan_args'])), 'version': e['program_name'].attrs['version'],
  'instrument_config': s(e['instrument_config'])[:7],
  'daq_settings': json.loads(s(e['daq_settings'])),
}
print(json.dumps(out))
`;

describe('scan files', () => {
  it('are named Dataset_<YYYYMMDD>_<NNN>.h5 in <base>/<YYYY>/<YYYYMMDD>/, one entry per scan', () => {
    expect(line.file).toMatch(/files\/(\d{4})\/(\1\d{4})\/Dataset_\2_001\.h5$/);
    expect(line.entry).toBe(`${line.scanNumber}.1`);
    expect(count.file).toBe(line.file);
    expect(count.entry).toBe(`${count.scanNumber}.1`);
  });

  it('hold exactly what the documents carried, read back by h5py', () => {
    const got = python<Record<string, unknown>>(READ, line.file, line.entry);
    const events = docs.filter((d): d is { name: 'event'; doc: EventDoc } => d.name === 'event' && d.doc.descriptor !== undefined).map((d) => d.doc).slice(0, 7);
    const start = docs.find((d) => d.name === 'start')!.doc as { uid: string; seed: number; title: string };
    expect(got).toMatchObject({ libver: 'v110', root_default: count.entry, entry_default: 'plotselect', title: start.title, scan_uid: line.uid, scan_number: line.scanNumber, exit_status: 'success', seed: start.seed, plan_name: 'line_scan' });
    expect(got.samx).toEqual(events.map((e) => e.data.samx));
    expect(got.det).toEqual(events.map((e) => e.data.det));
    expect(got.diode1).toEqual(events.map((e) => e.data.diode1));
    expect(got.epoch).toEqual(events.map((e) => e.timestamps.det));
    expect(got.spectrum_shape).toEqual([7, 1024]);
    expect(got.spectrum_sha1).toEqual(events.map((e) => createHash('sha1').update(e.data.spectrum1 as Float64Array).digest('hex')));
    expect(got).toMatchObject({ eiger_shape: [7, 512, 512], eiger_dtype: 'uint16', eiger_chunks: [1, 512, 512] });
    expect(got.eiger_sha1).toEqual(events.map((e) => createHash('sha1').update(e.data.eiger1 as Uint16Array).digest('hex')));
    expect(got).toMatchObject({ samx_units: 'mm', pstart_units: 'mm', sample_name: 'Si 111', thickness_units: 'mm', mono_class: 'NXmonochromator', energy_units: 'keV', comment: 'first light', version: '0.1.0', instrument_config: (start as unknown as { instrument_config: string }).instrument_config.slice(0, 7) });
    expect(Object.keys(got.pstart as object).sort()).toEqual(['chi', 'omega', 'phi', 'samx', 'samy', 'samz', 'ttheta']);
    expect((got.pend as Record<string, number>).samx).toBeCloseTo(1, 3);
    expect(got.plan_args).toMatchObject({ motor: 'samx', start: -1, stop: 1, points: 7 });
    expect(got.daq_settings).toMatchObject({ request: { type: 'line', motor: 'samx', points: 7 }, settings: { continuous: { baseName: 'Data' } } });
    expect(String(got.start_time)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$/);
  });

  it('give silx a valid default plot for every scan, from the root @default chain', () => {
    const got = python<Record<string, unknown>>(`
import sys, json
from silx.io import open as sopen
import silx.io.nxdata as nx
out = {}
with sopen(sys.argv[1]) as h:
    for name in h:
        d = nx.get_default(h[name])
        out[name] = [bool(d is not None and d.is_valid), d.signal_name if d else None, [a for a in d.axes_dataset_names] if d else None, len(d.signal) if d else 0]
    r = nx.get_default(h)
    out['root'] = r.signal.name if r else None
print(json.dumps(out))`, line.file);
    expect(got[line.entry]).toEqual([true, 'det', ['samx'], 7]);
    expect(got[count.entry]).toEqual([true, 'det', [null], 4]);
    expect(got.root).toBe(`/${count.entry}/plotselect/det`);
  });

  it('open in h5dump', () => {
    const r = spawnSync('h5dump', ['-H', line.file], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(`GROUP "${line.entry}"`);
  });

  it('hold the scan\'s entry before the first point is taken', async () => {
    // A crash after the first point must always find the entry on disk: the engine waits for the writer. Checked
    // at once, in this thread, when the first point arrives (the writer thread cannot catch up meanwhile).
    let found: boolean | undefined;
    const off = s.engine.subscribe((d) => {
      if (d.name !== 'event' || found !== undefined) return;
      const w = [...s.writer!.written.values()].at(-1)!; // the scan being written
      found = datasetStorageSize(w.file, `/${w.entry}/instrument/det/data`, [1]) !== undefined;
    });
    await s.scan({ type: 'count', points: 2, expTime: 0, detectors: ['det'] });
    off();
    expect(found).toBe(true);
  });

  it('go to the next NNN after "New dataset"', async () => {
    const next = s.writer!.newDataset();
    expect(next).toMatch(/Dataset_\d{8}_002\.h5$/);
    const r = await s.scan({ type: 'count', points: 2 });
    expect(r.file).toBe(next);
  });

  it('are compressed with gzip at the chosen level, on every growing dataset', async () => {
    const z = await openSession({ dataDir: join(dir, 'zdata'), basePath: join(dir, 'zfiles'), instantMoves: true, compression: { kind: 'gzip', level: 4 } });
    const r = await z.scan({ type: 'count', points: 3, detectors: ['det', 'eiger1'] });
    await z.close();
    const got = python<Record<string, unknown>>(`
import sys, json, h5py
e = h5py.File(sys.argv[1], 'r')[sys.argv[2]]
print(json.dumps({k: [e[p].compression, e[p].compression_opts] for k, p in [('eiger', 'instrument/eiger1/data'), ('det', 'instrument/det/data'), ('epoch', 'instrument/det/epoch')]}))`, r.file, r.entry);
    expect(got).toEqual({ eiger: ['gzip', 4], det: ['gzip', 4], epoch: ['gzip', 4] });
  });

  it('are never written by two sessions at once: the second one takes the next dataset', async () => {
    const a = await openSession({ dataDir: join(dir, 'adata'), basePath: join(dir, 'shared'), instantMoves: true });
    const b = await openSession({ dataDir: join(dir, 'bdata'), basePath: join(dir, 'shared'), instantMoves: true });
    const ra = a.startScan({ type: 'count', points: 30, expTime: 0.01 });
    await waitFor(() => a.writer!.written.has(ra.uid), { what: 'the first session to take its dataset file' }); // it holds the file's lock from then on
    const rb = await b.scan({ type: 'count', points: 2 });
    const done = await ra.done;
    expect(done.file).not.toBe(rb.file);
    expect([done.file, rb.file].map((f) => f.slice(-6)).sort()).toEqual(['001.h5', '002.h5']);
    await a.close();
    await b.close();
  });
});
