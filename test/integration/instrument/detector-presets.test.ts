// Detector settings and presets through the session's Api: a changed setting changes the data and reaches the
// saved file (instrument/<detector>/settings, read back with h5py, for continuous saving and for a scan); a preset
// saves and restores the exposure and the tunable settings across a restart; bad keys, ranges and names are refused
// and change nothing; an open continuous-saving file's detector cannot be changed under it.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { parseArgs } from '../../../src/shared/api.ts';
import { openSession } from '../../../src/main/session.ts';
import { python } from '../../helpers/python.ts';

const dir = mkdtempSync(join(tmpdir(), 'daq-detpresets-'));
const opts = { dataDir: join(dir, 'data'), basePath: join(dir, 'files'), instantMoves: true, seed: 7 };
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SETTINGS = `
import sys, json, h5py
f = h5py.File(sys.argv[1], 'r'); e = f[sys.argv[3]] if len(sys.argv) > 3 else f[f.attrs['default']]
g = e['instrument/' + sys.argv[2] + '/settings']
print(json.dumps({k: (g[k][()].decode() if isinstance(g[k][()], bytes) else g[k][()].item()) for k in g}))`;

it('a changed setting reaches the continuous-saving file and a scan file, and cannot change under an open file', async () => {
  const s = await openSession(opts);
  try {
    const before = await s.api.getDetectorSettings('monitor');
    expect(before.tunable).toEqual({ rate: [0, 1e12] });
    const after = await s.api.setDetectorSettings('monitor', { rate: 1234 });
    expect(after.settings.rate).toBe(1234);
    await s.api.viewerSetExposure('monitor', 1);

    const on = await s.api.setDoSave(true, 'monitor');
    const frame = await s.api.viewerSnap('monitor');
    // The simulated monitor counts rate × exposure (Poisson): about 1234, not the default 1e5.
    expect(frame.value as number).toBeGreaterThan(1000);
    expect(frame.value as number).toBeLessThan(1500);
    await expect(s.api.setDetectorSettings('monitor', { rate: 5 })).rejects.toMatchObject({ code: 'BUSY', message: /untick Do Save first/ });
    await s.api.setDoSave(false);
    expect(python<Record<string, unknown>>(SETTINGS, on.currentPath, 'monitor')).toMatchObject({ rate: 1234, exp_time: 1, type: 'monitor' });

    await s.api.setDetectorSettings('det', { scale: 777, width: 0.5 });
    const report = await s.scan({ type: 'count', points: 1, detectors: ['det'] });
    const row = await s.api.getScan(report.uid);
    expect(python<Record<string, unknown>>(SETTINGS, row.file, 'det', `/${row.entry}`)).toMatchObject({ scale: 777, width: 0.5 });
  } finally {
    await s.close();
  }
});

it('refuses unknown settings, shape settings and values out of range, changing nothing', async () => {
  const s = await openSession(opts);
  try {
    await expect(s.api.setDetectorSettings('eiger1', { width: 100 })).rejects.toMatchObject({ code: 'BAD_ARGUMENTS', message: /"width" cannot be changed\. Changeable settings: spotSigma, spotPeak, background/ });
    await expect(s.api.setDetectorSettings('eiger1', { spotPeak: 10, background: -1 })).rejects.toMatchObject({ code: 'OUT_OF_LIMITS' });
    expect((await s.api.getDetectorSettings('eiger1')).settings.spotPeak).toBe(3000);
    expect(parseArgs('setDetectorSettings', ['det', { __proto__: null, constructor: 1 }]).ok).toBe(false);
    expect(parseArgs('setDetectorSettings', ['det', { scale: Number.NaN }]).ok).toBe(false);
    expect(parseArgs('saveDetectorPreset', ['det', 'prototype']).ok).toBe(false);
  } finally {
    await s.close();
  }
});

it('saves a preset per detector and restores it after a restart', async () => {
  const s = await openSession(opts);
  try {
    await s.api.viewerSetExposure('eiger1', 0.1);
    await s.api.setDetectorSettings('eiger1', { spotPeak: 500, spotSigma: 4 });
    const p = await s.api.saveDetectorPreset('eiger1', 'dim spot');
    expect(p).toMatchObject({ detector: 'eiger1', name: 'dim spot', exposure: 0.1, settings: { spotPeak: 500, spotSigma: 4, background: 20 } });
    // Same name for another detector is another preset.
    await s.api.saveDetectorPreset('det', 'dim spot');
  } finally {
    await s.close();
  }
  const stored = JSON.parse(readFileSync(join(opts.dataDir, 'detector-presets.json'), 'utf8')) as { name: string }[];
  expect(stored.map((x) => x.name).sort()).toEqual(['det:dim spot', 'eiger1:dim spot']);

  const t = await openSession(opts);
  try {
    // A restart starts from the config's values; the preset brings the saved ones back.
    expect((await t.api.getDetectorSettings('eiger1')).settings.spotPeak).toBe(3000);
    expect((await t.api.listDetectorPresets('eiger1')).map((x) => x.name)).toEqual(['dim spot']);
    const got = await t.api.applyDetectorPreset('eiger1', 'dim spot');
    expect(got).toMatchObject({ exposure: 0.1, settings: { spotPeak: 500, spotSigma: 4 } });
    expect(await t.api.deleteDetectorPreset('eiger1', 'dim spot')).toEqual([]);
    expect((await t.api.listDetectorPresets('det')).map((x) => x.name)).toEqual(['dim spot']);
    await expect(t.api.applyDetectorPreset('eiger1', 'dim spot')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  } finally {
    await t.close();
  }
});
