// `daq positions …` and `daq presets …` end to end: the real CLI in a temp data folder, next to an in-process
// session on the same folder standing in for the Viewer (the same Api the Viewer calls). Sets saved on either
// side are listed on the other; `positions goto` moves the motors and the next command finds them there;
// presets restore exposure and settings into `daq grab --preset` and `daq scan --preset` files (read with h5py);
// bad names and missing sets end with exit code 2 or 1 and a sentence, and change nothing.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSession } from '../../../src/main/session.ts';
import { python } from '../../helpers/python.ts';

const dir = mkdtempSync(join(tmpdir(), 'daq-setscli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const dataDir = join(dir, 'data');
const basePath = join(dir, 'files');
const folders = ['--data-dir', dataDir, '--base-path', basePath];

/** Runs `daq` with moves that take their real time (distance / velocity), as a user's would. */
function daqTimed(...args: string[]) {
  return spawnSync(process.execPath, ['bin/daq.mjs', ...args, ...folders], { encoding: 'utf8', timeout: 60_000 });
}
const daq = (...args: string[]) => daqTimed(...args, '--instant-moves');
function json<T = unknown>(r: ReturnType<typeof daq>): T {
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as T;
}

/** The Viewer's side: the session's Api on the same data folder, closed before the next CLI command. */
async function viewer<T>(fn: (api: Awaited<ReturnType<typeof openSession>>['api']) => Promise<T>): Promise<T> {
  const s = await openSession({ dataDir, basePath, instantMoves: true });
  try {
    return await fn(s.api);
  } finally {
    await s.close();
  }
}

type Device = { kind: string; name: string; position?: number; moving?: boolean };
const motorPositions = () => Object.fromEntries(json<Device[]>(daq('devices', '--json')).filter((d) => d.kind === 'motor').map((d) => [d.name, d.position!]));

/** The settings one entry of a file records for a detector (instrument/<det>/settings); entry '' is the first. */
function fileSettings(file: string, entry: string, detector: string): Record<string, number | string> {
  return python(
    `import h5py, json, sys
with h5py.File(sys.argv[1], 'r') as f:
    entry = sys.argv[2] or list(f.keys())[0]
    g = f[entry + '/instrument/' + sys.argv[3] + '/settings']
    out = {}
    for k in g:
        v = g[k][()]
        out[k] = v.decode() if isinstance(v, bytes) else v.item()
print(json.dumps(out))`,
    file,
    entry,
    detector,
  );
}

describe('daq positions', () => {
  it('saves the motors, lists the set in the Viewer, goes back to it (waiting for the moves) and deletes it', async () => {
    expect(daq('move', 'samx', '1.5').status).toBe(0);
    expect(daq('move', 'samz', '-0.75').status).toBe(0);
    const saved = json<{ name: string; positions: Record<string, number> }>(daq('positions', 'save', 'sample out', '--json'));
    expect(saved.name).toBe('sample out');
    expect(saved.positions).toMatchObject({ samx: 1.5, samz: -0.75, samy: 0 });

    // Saved from the CLI: the Viewer lists it, from positions-saved.json.
    expect((await viewer((api) => api.listSavedPositions())).map((s) => s.name)).toEqual(['sample out']);
    expect(JSON.parse(readFileSync(join(dataDir, 'positions-saved.json'), 'utf8'))).toMatchObject([{ name: 'sample out', values: { samx: 1.5, samz: -0.75 } }]);

    // Saved in the Viewer: the CLI lists it.
    await viewer(async (api) => {
      await api.moveMotor('samy', 2);
      await api.savePositions('beam in');
    });
    const listed = json<{ name: string; positions: Record<string, number> }[]>(daq('positions', 'list', '--json'));
    expect(listed.map((s) => s.name)).toEqual(['beam in', 'sample out']);
    expect(listed[0]!.positions.samy).toBe(2);
    expect(daq('positions', 'list').stdout).toMatch(/sample out .*samx=1\.5 /);

    // Away from the set, then back with moves that take their time (samz at 2 mm/s): the command returns when the
    // motors have arrived, and the next command finds them there.
    expect(daq('move', 'samx', '-1').status).toBe(0);
    expect(daq('move', 'samz', '0.25').status).toBe(0);
    const goto = daqTimed('positions', 'goto', 'sample out', '--json');
    const r = json<{ name: string; moved: { name: string; position: number }[]; missing: string[] }>(goto);
    expect(r.missing).toEqual([]);
    expect(r.moved.find((m) => m.name === 'samx')!.position).toBeCloseTo(1.5, 2);
    expect(r.moved.find((m) => m.name === 'samz')!.position).toBeCloseTo(-0.75, 2);
    const devices = json<Device[]>(daq('devices', '--json'));
    expect(devices.filter((d) => d.kind === 'motor' && d.moving)).toEqual([]);
    const after = motorPositions();
    expect(after.samx).toBeCloseTo(1.5, 2);
    expect(after.samz).toBeCloseTo(-0.75, 2);
    expect(after.samy).toBeCloseTo(0, 2);
    // The text form says where each motor ended.
    const text = daq('positions', 'goto', 'beam in').stdout;
    expect(text).toMatch(/^at "beam in":\n/);
    expect(Number(/^\s+samy\s+(\S+)$/m.exec(text)?.[1])).toBeCloseTo(2, 2);

    const del = json<{ deleted: string; sets: { name: string }[] }>(daq('positions', 'delete', 'sample out', '--json'));
    expect(del).toMatchObject({ deleted: 'sample out', sets: [{ name: 'beam in' }] });
    expect((await viewer((api) => api.listSavedPositions())).map((s) => s.name)).toEqual(['beam in']);
    const gone = daq('positions', 'goto', 'sample out');
    expect(gone.status).toBe(1);
    expect(gone.stderr).toMatch(/No saved positions named "sample out"\. Saved: "beam in"/);
   }, 120_000);

  it('moves nothing when one motor of a set is out of limits', () => {
    expect(daq('move', 'samx', '0.5').status).toBe(0);
    const file = join(dataDir, 'positions-saved.json');
    const sets = JSON.parse(readFileSync(file, 'utf8')) as unknown[];
    writeFileSync(file, JSON.stringify([...sets, { name: 'too far', savedAt: new Date().toISOString(), values: { samx: 3, samz: 50 } }]));
    const r = daq('positions', 'goto', 'too far');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/samz: 50 mm is outside the limits/);
    expect(motorPositions().samx).toBeCloseTo(0.5, 2);
  });
});

describe('daq presets', () => {
  it('saves exposure and settings, shares them with the Viewer, and restores them into grab and scan files', async () => {
    const p = json<{ detector: string; name: string; exposure: number; settings: Record<string, number> }>(
      daq('presets', 'save', 'det', 'low noise', '--exp-time', '0.25', '--set', 'noise=0.01', '--set', 'scale=2000', '--json'),
    );
    expect(p).toMatchObject({ detector: 'det', name: 'low noise', exposure: 0.25, settings: { noise: 0.01, scale: 2000 } });

    // The Viewer lists it and its Load restores it; the Viewer saves one of its own.
    await viewer(async (api) => {
      expect((await api.listDetectorPresets('det')).map((x) => x.name)).toEqual(['low noise']);
      const applied = await api.applyDetectorPreset('det', 'low noise');
      expect(applied.exposure).toBe(0.25);
      expect(applied.settings).toMatchObject({ noise: 0.01, scale: 2000 });
      await api.viewerSetExposure('det', 0.75);
      await api.setDetectorSettings('det', { noise: 0.2, scale: 500 });
      await api.saveDetectorPreset('det', 'from viewer');
    });
    const list = json<{ name: string; exposure: number; settings: Record<string, number> }[]>(daq('presets', 'list', 'det', '--json'));
    expect(list.map((x) => [x.name, x.exposure, x.settings.noise])).toEqual([
      ['from viewer', 0.75, 0.2],
      ['low noise', 0.25, 0.01],
    ]);
    expect(json<unknown[]>(daq('presets', 'list', 'diode1', '--json'))).toEqual([]);

    // apply: a fresh process starts from the config (noise 0.05, exposure 0.05 s); the preset restores its values.
    const fresh = json<{ exposure: number; settings: Record<string, number> }>(daq('presets', 'apply', 'det', 'from viewer', '--json'));
    expect(fresh.exposure).toBe(0.75);
    expect(fresh.settings).toMatchObject({ noise: 0.2, scale: 500 });
    expect(daq('presets', 'apply', 'det', 'low noise').stdout).toMatch(/exposure 0\.25 s, .*noise=0\.01 scale=2000/);

    // A grab with a preset records its exposure and settings; a scan with one records its settings.
    const g = json<{ file: string; frames: number }>(daq('grab', 'det', '--frames', '2', '--save', '--preset', 'low noise', '--json'));
    expect(g.frames).toBe(2);
    expect(fileSettings(g.file, '', 'det')).toMatchObject({ exp_time: 0.25, noise: 0.01, scale: 2000 });
    const s = json<{ status: string; file: string; entry: string }>(daq('scan', 'count', '2', '--detectors', 'det', '--preset', 'det:from viewer', '--json'));
    expect(s.status).toBe('success');
    expect(fileSettings(s.file, s.entry, 'det')).toMatchObject({ noise: 0.2, scale: 500 });
    // Without a preset the next scan starts from the config again.
    const plain = json<{ file: string; entry: string }>(daq('scan', 'count', '1', '--detectors', 'det', '--json'));
    expect(fileSettings(plain.file, plain.entry, 'det')).toMatchObject({ noise: 0.05, scale: 1e5 });

    const del = json<{ deleted: string; presets: { name: string }[] }>(daq('presets', 'delete', 'det', 'low noise', '--json'));
    expect(del.presets.map((x) => x.name)).toEqual(['from viewer']);
    expect((await viewer((api) => api.listDetectorPresets('det'))).map((x) => x.name)).toEqual(['from viewer']);
    const gone = daq('presets', 'apply', 'det', 'low noise');
    expect(gone.status).toBe(1);
    expect(gone.stderr).toMatch(/det has no preset named "low noise"\. Its presets: "from viewer"/);
  }, 120_000);
});

describe('bad input', () => {
  it('ends with exit code 2 (usage) or 1 (refused) and a sentence, and saves nothing', () => {
    const positionsBefore = readFileSync(join(dataDir, 'positions-saved.json'), 'utf8');
    const presetsBefore = readFileSync(join(dataDir, 'detector-presets.json'), 'utf8');
    const cases: [string[], number, RegExp][] = [
      [['positions', 'save', '__proto__'], 2, /"__proto__" cannot be used as a name/],
      [['positions', 'save', 'constructor'], 2, /"constructor" cannot be used as a name/],
      [['positions', 'save', ''], 2, /a name must not be empty/],
      [['positions', 'save', '   '], 2, /a name must not be empty/],
      [['positions', 'save', 'x'.repeat(65)], 2, /a name is at most 64 characters/],
      [['positions', 'save', '../etc'], 2, /a name starts with a letter, digit or _/],
      [['positions', 'save'], 2, /give a name for the set/],
      [['positions', 'save', 'sample', 'out'], 2, /a name with spaces goes in quotes/],
      [['positions', 'goto', 'nowhere'], 1, /No saved positions named "nowhere"/],
      [['positions', 'delete', 'nowhere'], 1, /No saved positions named "nowhere"/],
      [['positions', 'jump', 'x'], 2, /unknown action "jump": list, save, goto or delete/],
      [['presets'], 2, /give an action: list, save, apply or delete/],
      [['presets', 'list'], 2, /give a detector/],
      [['presets', 'list', 'nope'], 1, /No detector named "nope"\. Known detectors: /],
      [['presets', 'save', 'samx', 'x'], 1, /"samx" is a motor, not a detector/],
      [['presets', 'save', 'det', 'prototype'], 2, /"prototype" cannot be used as a name/],
      [['presets', 'save', 'det', 'x', '--set', 'noise=99'], 1, /noise must be within \[0, 10\], got 99/],
      [['presets', 'save', 'det', 'x', '--set', 'colour=1'], 1, /"colour" cannot be changed\. Changeable settings: center, width, noise, scale/],
      [['presets', 'save', 'det', 'x', '--set', 'noise'], 2, /--set takes KEY=NUMBER/],
      [['presets', 'save', 'det', 'x', '--exp-time', '-1'], 2, /--exp-time is seconds from 0 to 3600/],
      [['presets', 'apply', 'det', 'x', '--exp-time', '1'], 2, /--exp-time and --set go with `save`/],
      [['presets', 'apply', 'det', 'missing'], 1, /det has no preset named "missing"/],
      [['presets', 'delete', 'diode1', 'from viewer'], 1, /diode1 has no preset named "from viewer"\. Its presets: none yet/],
      [['grab', 'det', '--frames', '1', '--preset', '__proto__'], 2, /"__proto__" cannot be used as a name/],
      [['grab', 'det', '--frames', '1', '--preset', 'missing'], 1, /det has no preset named "missing"/],
      [['scan', 'count', '1', '--preset', 'det'], 2, /--preset takes DETECTOR:NAME/],
      [['scan', 'count', '1', '--preset', 'nope:x'], 1, /No detector named "nope"/],
    ];
    for (const [args, code, message] of cases) {
      const r = daq(...args);
      const where = `daq ${args.join(' ')} → ${r.status}: ${r.stderr}`;
      expect(r.status, where).toBe(code);
      expect(r.stderr, where).toMatch(message);
      expect(r.stderr, where).not.toMatch(/unexpected error/);
      if (code === 2) expect(r.stderr, where).toMatch(/\nusage: daq /);
    }
    expect(readFileSync(join(dataDir, 'positions-saved.json'), 'utf8')).toBe(positionsBefore);
    expect(readFileSync(join(dataDir, 'detector-presets.json'), 'utf8')).toBe(presetsBefore);
  }, 180_000);
});
