// Continuous saving (DAQ_Viewer): Do Save starts a file named <base name>_<YYYYMMDD>_<HH>_<MM>_<SS>.h5 in the
// day folder, every frame goes in with its timestamp, off closes it, on again starts a NEW file (never
// overwriting one with the same name), compression applies, and `daq grab` does the same from the CLI.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSession } from '../../../src/main/session.ts';
import { python } from '../../helpers/python.ts';

const dir = mkdtempSync(join(tmpdir(), 'daq-cont-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const READ = `
import sys, json, h5py
f = h5py.File(sys.argv[1], 'r'); e = f[f.attrs['default']]
d = e['instrument/' + sys.argv[2] + '/data']; t = e['instrument/' + sys.argv[2] + '/epoch']
print(json.dumps({'shape': list(d.shape), 'dtype': str(d.dtype), 'compression': d.compression, 'level': d.compression_opts,
  'epochs': t[()].tolist(), 'status': e['exit_status'][()].decode(), 'plan': e['plan_name'][()].decode()}))`;

describe('continuous saving', () => {
  it('writes every frame with its timestamp while Do Save is on, and a new file each time it is turned on', async () => {
    const s = await openSession({ dataDir: join(dir, 'data'), basePath: join(dir, 'files') });
    await s.api.setSaverOptions({ baseName: 'cam', compression: 'gzip', level: 1 });
    s.viewer.setExpTime('eiger1', 0);
    const first = await s.api.setDoSave(true, 'eiger1');
    expect(first.doSave).toBe(true);
    const d = new Date();
    const ymd = `${d.getFullYear()}${String(d.getMonth() + 1).padStart(2, '0')}${String(d.getDate()).padStart(2, '0')}`;
    expect(first.currentPath).toMatch(new RegExp(`files/${d.getFullYear()}/${ymd}/cam_${ymd}_\\d\\d_\\d\\d_\\d\\d(_\\d+)?\\.h5$`));
    const frames = await s.viewer.grab('eiger1', 12);
    const snap = await s.api.viewerSnap('eiger1');
    const off = await s.api.setDoSave(false);
    expect(off).toMatchObject({ doSave: false, currentPath: '', framesSaved: 13 });
    expect(off.fileBytes).toBeGreaterThan(0);
    const got = python<{ shape: number[]; dtype: string; compression: string; level: number; epochs: number[]; status: string; plan: string }>(READ, first.currentPath, 'eiger1');
    expect(got).toMatchObject({ shape: [frames + 1, 512, 512], dtype: 'uint16', compression: 'gzip', level: 1, status: 'success', plan: 'continuous_saving' });
    expect(got.epochs).toHaveLength(13);
    expect(got.epochs.at(-1)).toBe(snap.time);
    for (let i = 1; i < got.epochs.length; i++) expect(got.epochs[i]!).toBeGreaterThanOrEqual(got.epochs[i - 1]!);

    // On again: a NEW file, even within the same second (a suffix instead of overwriting).
    const second = await s.api.setDoSave(true, 'eiger1');
    await s.viewer.grab('eiger1', 3);
    await s.api.setDoSave(false);
    expect(second.currentPath).not.toBe(first.currentPath);
    expect(existsSync(first.currentPath)).toBe(true);
    expect(python<{ shape: number[] }>(READ, second.currentPath, 'eiger1').shape[0]).toBe(3);
    expect(python<{ shape: number[] }>(READ, first.currentPath, 'eiger1').shape[0]).toBe(13);
    await s.close();
  });

  it('saves 0-D detectors too, and refuses an unknown detector', async () => {
    const s = await openSession({ dataDir: join(dir, 'data0'), basePath: join(dir, 'files0') });
    const on = await s.api.setDoSave(true, 'diode1');
    s.viewer.setExpTime('diode1', 0);
    await s.viewer.grab('diode1', 50);
    await s.api.setDoSave(false);
    expect(python<{ shape: number[]; dtype: string }>(READ, on.currentPath, 'diode1')).toMatchObject({ shape: [50], dtype: 'float64' });
    await expect(s.api.setDoSave(true, 'nope')).rejects.toThrow(/No detector named "nope"/);
    await s.close();
  });

  it('does the same from the CLI: daq grab --save prints {file, frames, seconds, bytes}', () => {
    const r = spawnSync(process.execPath, ['bin/daq.mjs', 'grab', 'eiger1', '--frames', '5', '--save', '--base-name', 'clisave', '--compression', 'gzip:4', '--exp-time', '0', '--json', '--data-dir', join(dir, 'cdata'), '--base-path', join(dir, 'cfiles')], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { file: string; frames: number; seconds: number; bytes: number };
    expect(basename(out.file)).toMatch(/^clisave_\d{8}_\d\d_\d\d_\d\d\.h5$/);
    expect(out.frames).toBe(5);
    expect(out.bytes).toBeGreaterThan(0);
    expect(python<{ shape: number[]; level: number }>(READ, out.file, 'eiger1')).toMatchObject({ shape: [5, 512, 512], level: 4 });
  });

  it('refuses bad grab arguments with a usage error', () => {
    const r = spawnSync(process.execPath, ['bin/daq.mjs', 'grab', 'eiger1', '--frames', '5', '--compression', 'lzf', '--data-dir', join(dir, 'x')], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--compression is LIB or LIB:LEVEL with LIB one of none, gzip, blosc-lz4/);
  });
});

describe('screenshots and settings in the dataset', () => {
  it('stores a PNG of the scan plot in the scan entry, with its MIME type', async () => {
    const s = await openSession({ dataDir: join(dir, 'sdata'), basePath: join(dir, 'sfiles'), instantMoves: true });
    const r = await s.scan({ type: 'count', points: 2 });
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    const where = await s.api.attachScreenshot(r.uid, png);
    expect(where).toEqual({ file: r.file, path: `${r.entry}/screenshots/plot_1` });
    await expect(s.api.attachScreenshot(r.uid, new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]))).rejects.toThrow(/not a PNG/);
    const got = python<{ bytes: number[]; mime: string }>(`
import sys, json, h5py
d = h5py.File(sys.argv[1], 'r')[sys.argv[2]]
print(json.dumps({'bytes': d[()].tolist(), 'mime': d.attrs['mime_type']}))`, r.file, where.path);
    expect(got).toEqual({ bytes: Array.from(png), mime: 'image/png' });
    await s.close();
  });

  it("keeps one end-of-scan plot when several windows send theirs, and still adds plots asked for on purpose", async () => {
    const s = await openSession({ dataDir: join(dir, 'edata'), basePath: join(dir, 'efiles'), instantMoves: true });
    const r = await s.scan({ type: 'count', points: 2 });
    const png = (n: number) => new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, n]);
    // Two windows followed the scan and both send their plot as it ends, at the same time.
    const [a, b] = await Promise.all([s.api.attachScreenshot(r.uid, png(1), true), s.api.attachScreenshot(r.uid, png(2), true)]);
    expect(a).toEqual({ file: r.file, path: `${r.entry}/screenshots/plot_1` });
    expect(b).toEqual(a);
    expect(await s.api.attachScreenshot(r.uid, png(3))).toEqual({ file: r.file, path: `${r.entry}/screenshots/plot_2` });
    const got = python<{ plots: string[]; first: number }>(`
import sys, json, h5py
g = h5py.File(sys.argv[1], 'r')[sys.argv[2]]
print(json.dumps({'plots': sorted(g.keys()), 'first': int(g['plot_1'][()][8])}))`, r.file, `${r.entry}/screenshots`);
    expect(got).toEqual({ plots: ['plot_1', 'plot_2'], first: 1 });
    await s.close();
  });
});
