// The simulated camera's frames have the statistics a user reads off them: a Gaussian spot centred where samx/samy
// put it, with the configured peak height and width (its faint tail included), on a background of the configured
// level with Poisson noise, scaled by the exposure, clamped to uint16 — and a seed reproduces every frame. The
// camera computes its frames by shortcuts (the background is precomputed, the spot only where it adds counts);
// these checks compare each frame against the model pixel by pixel, so a shortcut that drifts from the model fails.
import { describe, expect, it } from 'vitest';
import { CameraDetector, type AcquireContext } from '../../../src/main/instrument/detectors.ts';
import { Rng } from '../../../src/main/instrument/rng.ts';

const W = 512;
const H = 512;
const SIGMA = W / 48; // the default spotSigma
const ctx = (samx: number, samy: number, expTime: number, seed: number): AcquireContext => ({
  position: (m) => (m === 'samx' ? samx : m === 'samy' ? samy : 0),
  expTime,
  rng: new Rng(seed),
});

/** Where samx/samy over [-10, 10] mm put the spot, in pixels. */
const centre = (samx: number, samy: number) => ({ cx: ((samx + 10) / 20) * (W - 1), cy: ((samy + 10) / 20) * (H - 1) });

/** The counts the spot adds at (x, y) on average. */
function spot(x: number, y: number, cx: number, cy: number, peak: number): number {
  return peak * Math.exp(-((x - cx) ** 2 + (y - cy) ** 2) / (2 * SIGMA * SIGMA));
}

describe('camera frames (eiger1, 512×512 uint16)', () => {
  it('at exposure 0: background 20 counts with Poisson noise, and a spot of 3000 counts where samx/samy put it', () => {
    const cam = new CameraDetector('eiger1', { type: 'camera', units: 'counts' });
    const bg = 20;
    const peak = 3000;
    for (const [samx, samy] of [[0, 0], [3.3, -6.1], [-8.7, 7.9], [9.9, -9.95]] as const) {
      const { cx, cy } = centre(samx, samy);
      let z = 0;
      let z2 = 0;
      let bgSum = 0;
      let bgSum2 = 0;
      let bgN = 0;
      let spotSum = 0;
      let near = 0;
      let wx = 0;
      let wy = 0;
      let nearModel = 0;
      let mx = 0;
      let my = 0;
      let tailSum = 0;
      let tailModel = 0;
      let modelSum = 0;
      const frames = 8;
      for (let seed = 1; seed <= frames; seed++) {
        const img = cam.acquire(ctx(samx, samy, 0, seed));
        expect(img).toBeInstanceOf(Uint16Array);
        expect(img.length).toBe(W * H);
        for (let y = 0, i = 0; y < H; y++) {
          for (let x = 0; x < W; x++, i++) {
            const v = img[i]!;
            const s = spot(x, y, cx, cy, peak);
            const m = bg + s;
            // Every pixel: its deviation from the model, in units of the Poisson noise.
            const d = (v - m) / Math.sqrt(m);
            z += d;
            z2 += d * d;
            if (s < 1e-6) {
              bgSum += v;
              bgSum2 += v * v;
              bgN++;
            }
            // The spot's faint tail (0.01 to 1 count per pixel): a frame that leaves it out loses ~1 % of the spot.
            if (s >= 0.01 && s < 1) {
              tailSum += v - bg;
              tailModel += s;
            }
            spotSum += v - bg;
            modelSum += s;
            // The centroid, over the pixels the spot reaches (the rest would only add noise), against the model's.
            if (s >= 1e-3) {
              near += v - bg;
              wx += (v - bg) * x;
              wy += (v - bg) * y;
              nearModel += s;
              mx += s * x;
              my += s * y;
            }
          }
        }
      }
      const n = frames * W * H;
      const where = `spot at samx=${samx} samy=${samy}`;
      // Residuals: centred on the model with unit variance (1/12 more from the rounding to integers).
      expect(Math.abs(z / n), where).toBeLessThan(0.01);
      expect(z2 / n, where).toBeGreaterThan(0.96);
      expect(z2 / n, where).toBeLessThan(1.05);
      // Background: its level and a variance equal to its mean (Poisson).
      const bgMean = bgSum / bgN;
      expect(Math.abs(bgMean - bg), where).toBeLessThan(0.05);
      expect((bgSum2 / bgN - bgMean * bgMean) / bgMean, where).toBeGreaterThan(0.95);
      expect((bgSum2 / bgN - bgMean * bgMean) / bgMean, where).toBeLessThan(1.08);
      // The spot's integrated counts (what is on the frame, edges cut) and its centroid.
      const noise = Math.sqrt(n * bg);
      expect(Math.abs(spotSum - modelSum), where).toBeLessThan(5 * noise);
      expect(Math.abs(wx / near - mx / nearModel), where).toBeLessThan(0.1);
      expect(Math.abs(wy / near - my / nearModel), where).toBeLessThan(0.1);
      expect(Math.abs(near - nearModel), where).toBeLessThan(0.002 * nearModel);
      // The tail: its counts are there, within 5 standard deviations of the noise over those pixels.
      if (tailModel > 0) {
        const tailPixels = tailCount(cx, cy, peak) * frames;
        expect(Math.abs(tailSum - tailModel), `${where}: tail ${tailSum} counts, model ${tailModel.toFixed(0)}`).toBeLessThan(5 * Math.sqrt(tailPixels * bg));
      }
    }
  });

  it('the peak pixel holds background + spotPeak on average, and moves with samx/samy', () => {
    const cam = new CameraDetector('eiger1', { type: 'camera', units: 'counts' });
    for (const [samx, samy] of [[0, 0], [5, -5], [-7.5, 2.5]] as const) {
      const { cx, cy } = centre(samx, samy);
      const px = Math.round(cx);
      const py = Math.round(cy);
      let sum = 0;
      const frames = 40;
      for (let seed = 1; seed <= frames; seed++) {
        const img = cam.acquire(ctx(samx, samy, 0, seed * 7919));
        sum += img[py * W + px]!;
        // The brightest pixel is within a pixel or two of where the motors put the spot.
        let best = 0;
        for (let i = 1; i < img.length; i++) if (img[i]! > img[best]!) best = i;
        expect(Math.abs((best % W) - cx)).toBeLessThan(3);
        expect(Math.abs(Math.floor(best / W) - cy)).toBeLessThan(3);
      }
      const expected = 20 + spot(px, py, cx, cy, 3000);
      expect(Math.abs(sum / frames - expected)).toBeLessThan(5 * Math.sqrt(expected / frames));
    }
  });

  it('scales background and spot with the exposure and follows a tuned background, on the same detector', () => {
    const cam = new CameraDetector('eiger1', { type: 'camera', units: 'counts' });
    const level = (img: Uint16Array) => {
      // The first 100 rows are far from a spot at the centre.
      let s = 0;
      for (let i = 0; i < 100 * W; i++) s += img[i]!;
      return s / (100 * W);
    };
    const c = 255 * W + 255;
    // exposure 0 counts as 0.1 s: 20 counts of background; 1 s: 200; a background tuned to 7 at 1 s: 70.
    expect(level(cam.acquire(ctx(0, 0, 0, 1)))).toBeCloseTo(20, 0);
    const long = cam.acquire(ctx(0, 0, 1, 2));
    expect(level(long)).toBeCloseTo(200, 0);
    expect(long[c]!).toBeGreaterThan(29000);
    expect(long[c]!).toBeLessThan(31000);
    cam.tune('background', 7);
    expect(level(cam.acquire(ctx(0, 0, 1, 3)))).toBeCloseTo(70, 0);
    expect(level(cam.acquire(ctx(0, 0, 0, 4)))).toBeCloseTo(7, 0);
  });

  it('clamps to the uint16 range instead of wrapping, and gives 0 without background or spot', () => {
    const bright = new CameraDetector('eiger1', { type: 'camera', units: 'counts', spotPeak: 60000, background: 60000 });
    const img = bright.acquire(ctx(0, 0, 0.1, 1));
    expect(img[255 * W + 255]).toBe(65535);
    expect(Math.min(...img.subarray(0, W))).toBeGreaterThan(59000);
    const dark = new CameraDetector('eiger1', { type: 'camera', units: 'counts', spotPeak: 0, background: 0 });
    expect(dark.acquire(ctx(0, 0, 0, 1)).every((v) => v === 0)).toBe(true);
  });

  it('a seed reproduces a frame, another seed gives other noise', () => {
    const cam = new CameraDetector('eiger1', { type: 'camera', units: 'counts' });
    const a = cam.acquire(ctx(1, 2, 0, 42));
    const b = cam.acquire(ctx(1, 2, 0, 42));
    const c = cam.acquire(ctx(1, 2, 0, 43));
    expect(Buffer.from(a.buffer).equals(Buffer.from(b.buffer))).toBe(true);
    expect(Buffer.from(a.buffer).equals(Buffer.from(c.buffer))).toBe(false);
  });

  it('a camera of another size keeps the spot where the motors put it', () => {
    const cam = new CameraDetector('cam', { type: 'camera', units: 'counts', width: 100, height: 37, spotSigma: 3 });
    const img = cam.acquire(ctx(-5, 5, 0, 1));
    let best = 0;
    for (let i = 1; i < img.length; i++) if (img[i]! > img[best]!) best = i;
    expect(Math.abs((best % 100) - 0.25 * 99)).toBeLessThan(2);
    expect(Math.abs(Math.floor(best / 100) - 0.75 * 36)).toBeLessThan(2);
  });
});

/** How many pixels of the frame get 0.01 to 1 count from the spot. */
function tailCount(cx: number, cy: number, peak: number): number {
  let n = 0;
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const s = spot(x, y, cx, cy, peak);
      if (s >= 0.01 && s < 1) n++;
    }
  }
  return n;
}
