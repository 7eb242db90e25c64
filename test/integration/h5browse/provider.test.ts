// The Browser's backend on real files: a third-party file written by h5py (stack, links, exotic types, JSON
// attributes), our own scan files (default plot through @default), slices and envelopes, and bad files.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { H5Provider } from '../../../src/main/h5browse/provider.ts';
import { openSession } from '../../../src/main/session.ts';
import { python } from '../../helpers/python.ts';
import { writeCorruptFile, writeThirdPartyFile } from '../../helpers/third-party-file.ts';

const dir = mkdtempSync(join(tmpdir(), 'daq-browse-'));
const third = join(dir, 'third.h5');
const p = new H5Provider();
let id = 0;

beforeAll(async () => {
  writeThirdPartyFile(third);
  id = (await p.open(third)).id;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('H5 provider', () => {
  it('lists a group lazily, marking links, NX classes and kinds', () => {
    const root = p.children(id, '/');
    const by = Object.fromEntries(root.map((n) => [n.name, n]));
    expect(by.entry).toMatchObject({ kind: 'group', nxClass: 'NXentry' });
    expect(by.line).toMatchObject({ kind: 'dataset', shape: [300000] });
    expect(by.soft).toMatchObject({ target: '/entry/data/stack', softLink: true });
    expect(by.external).toMatchObject({ kind: 'external-link', target: 'other.h5::/x' });
  });

  it('describes exotic types readably and refuses to plot them with a sentence', () => {
    expect(p.info(id, '/compound').dtype).toBe('compound');
    expect(p.info(id, '/enum').dtype).toBe('enum');
    expect(() => p.slice(id, '/compound', [null])).toThrow(/holds compound values, which the Browser shows in its metadata only/);
    expect(p.info(id, '/scalar').value).toBe(3.25);
    expect(p.info(id, '/text').value).toBe('hello world');
  });

  it('decodes JSON-wrapped attributes (PyMoDAQ settings)', () => {
    const a = p.info(id, '/settings').attrs.find((x) => x.name === 'settings')!;
    expect(a.json).toEqual({ detector: { exposure: 0.1, gain: 'high' } });
  });

  it('shows chunks and the compression filter', () => {
    const i = p.info(id, '/entry/data/stack');
    expect(i.chunks).toEqual([1, 8, 10]);
    expect(i.filters!.join(' ')).toMatch(/deflate/);
  });

  it('reads one 2-D slice of a 3-D stack, not the stack', () => {
    const s = p.slice(id, '/entry/data/stack', [[2, 3], null, null]);
    expect(s.selection).toEqual([1, 8, 10]);
    expect(s.values[0]).toBe(2 * 80);
    expect(s.values[79]).toBe(2 * 80 + 79);
  });

  it('computes a min/max envelope of a long line in buckets, exact at the extremes', () => {
    const e = p.envelope(id, '/line', 0, 300000, 1000);
    expect(e.total).toBe(300000);
    expect(e.min.length).toBe(1000);
    expect(Math.max(...e.max)).toBeCloseTo(1, 5);
    expect(Math.min(...e.min)).toBeCloseTo(-1, 5);
    const zoom = p.envelope(id, '/line', 1000, 2000, 1000);
    expect(zoom.step).toBe(1);
    expect(zoom.min[0]).toBeCloseTo(Math.sin(1), 9);
  });

  it('follows @default to the NXdata of a third-party file', () => {
    expect(p.defaultPlot(id, '/')).toMatchObject({ nxdata: '/entry/data', signal: { path: '/entry/data/stack', shape: [4, 8, 10] }, interpretation: 'image' });
  });

  it('opens our scan files into the scan plot: signal, axis and auxiliary signals', async () => {
    const s = await openSession({ dataDir: join(dir, 'data'), basePath: join(dir, 'files'), instantMoves: true });
    const r = await s.scan({ type: 'line', motor: 'samx', start: -1, stop: 1, points: 5, detectors: ['det', 'diode1'] });
    await s.close();
    const f = await p.open(r.file);
    expect(p.defaultPlot(f.id, '/')).toMatchObject({ nxdata: `/${r.entry}/plotselect`, title: 'line_scan samx -1 1 5 0', signal: { label: 'det (counts)', shape: [5] }, axes: [{ label: 'samx (mm)' }], auxiliary: [{ label: 'diode1 (counts)' }] });
    expect(p.children(f.id, '/').find((n) => n.name === r.entry)?.unfinished).toBeUndefined();
  });

  it('exports a selection to CSV (with the index) and NPY that numpy reads back', () => {
    const csv = join(dir, 'line.csv');
    p.exportSelection(id, ['/line'], [[10, 13]], 'csv', csv);
    expect(readFileSync(csv, 'utf8').trim().split('\n')).toEqual(['index,line', ...[10, 11, 12].map((i) => `${i},${Math.sin(i / 1000)}`)]);
    const npy = join(dir, 'frame.npy');
    p.exportSelection(id, ['/entry/data/stack'], [[2, 3], null, null], 'npy', npy);
    const got = python<{ shape: number[]; first: number; last: number }>(`
import sys, json, numpy as np
a = np.load(sys.argv[1])
print(json.dumps({'shape': list(a.shape), 'first': float(a.flat[0]), 'last': float(a.flat[-1])}))`, npy);
    expect(got).toEqual({ shape: [1, 8, 10], first: 160, last: 239 });
    expect(() => p.exportSelection(id, ['/line'], [[0, 5]], 'csv', csv)).toThrow(/exists/);
  });

  it('refuses files that are not HDF5 or are damaged, with a readable message', async () => {
    writeFileSync(join(dir, 'text.h5'), 'just text');
    await expect(p.open(join(dir, 'text.h5'))).rejects.toThrow(/is not an HDF5 file/);
    writeCorruptFile(join(dir, 'bad.h5'));
    await expect(p.open(join(dir, 'bad.h5'))).rejects.toThrow(/cannot be opened: it is damaged or truncated/);
    await expect(p.open('relative.h5')).rejects.toThrow(/absolute path/);
    await expect(p.open(join(dir, 'missing.h5'))).rejects.toThrow(/does not exist/);
  });
});
