// A grab reuses the buffers of camera frames the saver has copied (fewer 512 KB allocations, fewer garbage
// collections on the UI thread), and never one that someone may still read: a frame the display got stays as it
// was shown, a frame the saver holds stays as acquired until the saver releases it, and the frames are the same
// numbers as without any reuse (a seed still reproduces them).
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ViewerFrame } from '../../../src/shared/viewer.ts';
import { Viewer } from '../../../src/main/acquisition/viewer.ts';
import { parseInstrumentConfig } from '../../../src/main/instrument/config.ts';
import type { Detector, DetectorValue } from '../../../src/main/instrument/detectors.ts';
import { Instrument } from '../../../src/main/instrument/instrument.ts';

const CONFIG = `
motors:
  samx: { units: mm, limits: [-10, 10] }
  samy: { units: mm, limits: [-10, 10] }
detectors:
  cam: { type: camera, width: 128, height: 96, units: counts }
`;

const sha = (v: DetectorValue) => createHash('sha1').update(v as Uint16Array).digest('hex');

interface Held {
  frame: Uint16Array;
  hash: string;
  release?: () => void;
}

/** A grab of `frames` frames with a saver that keeps up to `batch` frames before releasing them all (as the
 * writer's batches do), or never releases them; returns what the display and the saver saw. */
async function grab(frames: number, opts: { batch: number; release: boolean; releaseDuringRecord?: boolean }) {
  const instrument = new Instrument(parseInstrumentConfig(CONFIG, 'test.yaml'), { instantMoves: true });
  const shown: { frame: Uint16Array; hash: string; seq: number }[] = [];
  const recorded: string[] = [];
  const changedWhileHeld: number[] = [];
  const buffers = new Set<ArrayBufferLike>();
  let held: Held[] = [];
  const flush = () => {
    for (const h of held) {
      // The saver copies the frame now: it must still be the frame that was acquired.
      if (sha(h.frame) !== h.hash) changedWhileHeld.push(recorded.indexOf(h.hash));
      if (opts.release) h.release?.();
    }
    held = [];
  };
  const viewer = new Viewer({
    instrument,
    seed: 7,
    display: (f: ViewerFrame) => shown.push({ frame: f.value as Uint16Array, hash: sha(f.value as Uint16Array), seq: f.seq }),
    record: (_det: Detector, value: DetectorValue, _time: number, _seq: number, release?: () => void) => {
      const frame = value as Uint16Array;
      buffers.add(frame.buffer);
      recorded.push(sha(frame));
      held.push({ frame, hash: sha(frame), release });
      // Releasing inside record() (a batch copied at once) happens before the Viewer knows whether it shows it.
      if (held.length >= opts.batch) {
        if (opts.releaseDuringRecord) flush();
        else return Promise.resolve().then(flush);
      }
      return undefined;
    },
  });
  viewer.setExpTime('cam', 0);
  await viewer.grab('cam', frames);
  flush();
  return { shown, recorded, changedWhileHeld, buffers: buffers.size };
}

describe('a grab reuses camera frame buffers only when no one holds them', () => {
  it('reuses the buffers of released frames, and gives the same frames as without reuse', async () => {
    const reused = await grab(400, { batch: 16, release: true });
    const fresh = await grab(400, { batch: 16, release: false });
    // Without releases every frame has its own buffer; with them, a handful go round (shown frames leave the pool).
    expect(fresh.buffers).toBe(400);
    expect(reused.buffers).toBeLessThan(400 / 2);
    expect(reused.recorded).toEqual(fresh.recorded);
    expect(reused.changedWhileHeld).toEqual([]);
  });

  it('never overwrites a frame the display got, nor one the saver has not released', async () => {
    for (const releaseDuringRecord of [false, true]) {
      const r = await grab(400, { batch: 5, release: true, releaseDuringRecord });
      expect(r.changedWhileHeld).toEqual([]);
      expect(r.shown.length).toBeGreaterThan(0);
      for (const s of r.shown) {
        // Still what was shown, and still the frame of that sequence number.
        expect(sha(s.frame)).toBe(s.hash);
        expect(s.hash).toBe(r.recorded[s.seq - 1]);
      }
    }
  });

  it('a snap is never reused: the caller keeps it', async () => {
    const instrument = new Instrument(parseInstrumentConfig(CONFIG, 'test.yaml'), { instantMoves: true });
    let offered = 0;
    const viewer = new Viewer({
      instrument,
      seed: 3,
      display: () => undefined,
      // A saver that copies every frame at once: grabbed frames go back to the pool as soon as they are not shown.
      record: (_d, _v, _t, _s, release) => {
        if (release) offered++;
        release?.();
      },
    });
    viewer.setExpTime('cam', 0);
    const frame = (await viewer.snap('cam')).value as Uint16Array;
    const hash = sha(frame);
    expect(offered).toBe(0);
    await viewer.grab('cam', 50);
    expect(offered).toBe(50);
    expect(sha(frame)).toBe(hash);
  });
});
