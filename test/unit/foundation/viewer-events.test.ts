// The Viewer's state reaches every client by events (#12 item 6): a base name, compression or base path set with
// setSaving arrives as 'saver.status' (a second client's saving block and `daq grab` follow it), and a grab that
// starts or ends or an exposure that changes arrives as 'viewer.state' (the Viewer no longer polls every second).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SaverStatus, ViewerState } from '../../../src/shared/viewer.ts';
import { Session } from '../../../src/main/session.ts';

let dir: string;
let s: Session;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'daq-viewer-events-'));
  s = new Session({ dataDir: join(dir, 'data'), basePath: join(dir, 'files'), instantMoves: true, seed: 1 });
});
afterEach(async () => {
  await s.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('saver.status after setSaving', () => {
  it('carries the new base name, compression and base path to every listener', async () => {
    const seen: SaverStatus[] = [];
    s.on('saver.status', (st) => seen.push(st));
    await s.api.setSaving({ baseName: 'sample9', compression: 'gzip', level: 4 });
    expect(seen.at(-1)).toMatchObject({ baseName: 'sample9', compression: 'gzip', level: 4, doSave: false });
    const moved = join(dir, 'moved');
    mkdirSync(moved);
    await s.api.setSaving({ basePath: moved });
    expect(seen.at(-1)).toMatchObject({ basePath: moved, baseName: 'sample9' });
  });
});

describe('saver.status after updateSettings', () => {
  it('is published once for every settings change the continuous saver uses, by whichever call made it', async () => {
    const seen: SaverStatus[] = [];
    s.on('saver.status', (st) => seen.push(st));
    const moved = join(dir, 'elsewhere');
    mkdirSync(moved);
    await s.api.updateSettings({ basePath: moved });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ basePath: moved });
    await s.api.updateSettings({ continuous: { baseName: 'run7', compression: 'gzip', level: 2 } });
    expect(seen).toHaveLength(2);
    expect(seen[1]).toMatchObject({ basePath: moved, baseName: 'run7', compression: 'gzip', level: 2 });
    // setSaving and setSaverOptions publish exactly once too (not once per part of the change).
    await s.api.setSaving({ basePath: moved, baseName: 'run8' });
    expect(seen).toHaveLength(3);
    await s.api.setSaverOptions({ baseName: 'run9' });
    expect(seen).toHaveLength(4);
    expect(seen[3]).toMatchObject({ baseName: 'run9' });
    // A change the saver does not use says nothing to saving blocks.
    await s.api.updateSettings({ ui: { theme: 'dark' } });
    expect(seen).toHaveLength(4);
  });
});

describe('viewer.state', () => {
  it('follows exposure changes, grab start, stop, and a grab that ends by itself', async () => {
    const seen: ViewerState[] = [];
    s.on('viewer.state', (st) => seen.push(st));
    await s.api.viewerSetExposure('diode1', 0.25);
    expect(seen.at(-1)?.exposures).toMatchObject({ diode1: 0.25 });
    // A preset or the detector settings form changes the exposure through the same Viewer: the box follows too.
    await s.api.viewerGrab('eiger1');
    expect(seen.at(-1)?.grabbing).toEqual(['eiger1']);
    // viewerStop answers when the grab has ended, and the end is announced before that.
    await s.api.viewerStop('eiger1');
    expect(seen.at(-1)?.grabbing).toEqual([]);
    expect(seen.at(-1)?.exposures.eiger1).toBe(0.02);
    // A grab of a fixed number of frames ends without a stop; the end is announced all the same.
    const before = seen.length;
    const done = s.viewer.grab('diode1', 2);
    expect(seen.at(-1)?.grabbing).toEqual(['diode1']);
    await done;
    expect(seen.length).toBeGreaterThan(before + 1);
    expect(seen.at(-1)?.grabbing).toEqual([]);
    expect((await s.api.getViewerState()).grabbing).toEqual([]);
  });

  it('lists a short grab as grabbing until it has ended, never after', async () => {
    s.viewer.setExpTime('diode1', 0);
    const done = s.viewer.grab('diode1', 3);
    await done;
    // Before the fix a grab that finished before its first wait stayed listed as grabbing for ever.
    expect(s.viewer.grabbing()).toEqual([]);
  });
});
