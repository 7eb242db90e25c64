// A full-speed grab with Do Save reuses the buffers of frames the saver has copied (acquisition/viewer.ts); the
// file must still hold exactly the frames the camera produced, in order, and a frame sent to the display must stay
// as it was sent. Checked against the file as h5py reads it and against frames computed again from its seed.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ViewerFrame } from '../../../src/shared/viewer.ts';
import { CameraDetector } from '../../../src/main/instrument/detectors.ts';
import { Rng } from '../../../src/main/instrument/rng.ts';
import { openSession } from '../../../src/main/session.ts';
import { python } from '../../helpers/python.ts';

const dir = mkdtempSync(join(tmpdir(), 'daq-frame-reuse-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const READ = `
import sys, json, h5py, hashlib, numpy as np
f = h5py.File(sys.argv[1], 'r'); e = f[f.attrs['default']]
d = e['instrument/eiger1/data']
print(json.dumps({'seed': int(e['seed'][()]), 'sha1': [hashlib.sha1(np.ascontiguousarray(d[i]).tobytes()).hexdigest() for i in range(d.shape[0])]}))`;

const sha = (v: Uint16Array) => createHash('sha1').update(v).digest('hex');

describe('frames reused by a grab with Do Save', () => {
  for (const [lib, level] of [['gzip', 1], ['none', 0]] as const) {
    it(`the file (${lib}) holds every frame as acquired, and shown frames stay as shown`, async () => {
      const s = await openSession({ dataDir: join(dir, `data-${lib}`), basePath: join(dir, `files-${lib}`), seed: 11 });
      const shown: { frame: Uint16Array; hash: string; seq: number }[] = [];
      s.on('viewer.frame', (f: ViewerFrame) => shown.push({ frame: f.value as Uint16Array, hash: sha(f.value as Uint16Array), seq: f.seq }));
      await s.api.setSaverOptions({ compression: lib, level });
      s.viewer.setExpTime('eiger1', 0);
      const on = await s.api.setDoSave(true, 'eiger1');
      const frames = await s.viewer.grab('eiger1', 240);
      await s.api.setDoSave(false);
      const got = python<{ seed: number; sha1: string[] }>(READ, on.currentPath);
      expect(got.sha1).toHaveLength(frames);
      // The same frames computed again, without any reuse, from the seed the file records.
      const camera = new CameraDetector('eiger1', s.instrument.config.detectors.eiger1!);
      const rng = new Rng(got.seed);
      const position = (m: string) => s.instrument.motor(m).truePosition();
      const expected = Array.from({ length: frames }, () => sha(camera.acquire({ position, expTime: 0, rng })));
      expect(got.sha1).toEqual(expected);
      expect(shown.length).toBeGreaterThan(0);
      for (const f of shown) {
        expect(sha(f.frame)).toBe(f.hash);
        expect(f.hash).toBe(expected[f.seq - 1]);
      }
      await s.close();
    });
  }
});
