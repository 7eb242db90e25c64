// The simulated detectors behave like the instruments they stand for: SPEC's Gaussian peak, a diode over samy,
// a spectrum whose peaks move with a motor, a camera spot that follows samx/samy, a monitor that scales with
// exp_time — and a bad parameter in the config is refused with the detector and the range.
import { describe, expect, it } from 'vitest';
import { parseInstrumentConfig } from '../../../src/main/instrument/config.ts';
import { CameraDetector, createDetector, GaussianDetector, MonitorDetector, SpectrumDetector, type AcquireContext } from '../../../src/main/instrument/detectors.ts';
import { Instrument } from '../../../src/main/instrument/instrument.ts';
import { Rng } from '../../../src/main/instrument/rng.ts';

const ctx = (positions: Record<string, number>, expTime = 0.1, seed = 1): AcquireContext => ({ position: (m) => positions[m] ?? 0, expTime, rng: new Rng(seed) });

describe('simulated detectors', () => {
  it('det follows scale*(0.95+noise*rand)/exp(((x-center)/width)^2)', () => {
    const d = new GaussianDetector('det', { type: 'gaussian', units: 'counts', motor: 'samx', center: 0.1, width: 0.2, noise: 0, scale: 1e5 }, new Rng(1));
    expect(d.acquire(ctx({ samx: 0.1 }))).toBeCloseTo(0.95e5, 6);
    expect(d.acquire(ctx({ samx: 0.3 }))).toBeCloseTo(0.95e5 / Math.E, 6);
    const noisy = new GaussianDetector('det', { type: 'gaussian', units: 'counts', motor: 'samx', center: 0, width: 0.2, noise: 0.05, scale: 1e5 }, new Rng(1));
    const v = noisy.acquire(ctx({ samx: 0 }));
    expect(v).toBeGreaterThanOrEqual(0.95e5);
    expect(v).toBeLessThan(1.0e5);
  });

  it('det draws center and width in the documented ranges when the config leaves them out', () => {
    for (let seed = 1; seed < 50; seed++) {
      const d = new GaussianDetector('det', { type: 'gaussian', units: 'counts' }, new Rng(seed));
      expect(d.center).toBeGreaterThanOrEqual(-0.5);
      expect(d.center).toBeLessThanOrEqual(0.5);
      expect(d.width).toBeGreaterThanOrEqual(0.01);
      expect(d.width).toBeLessThanOrEqual(0.21);
      expect(d.scale).toBe(1e5);
    }
  });

  it('refuses a parameter outside its range, naming the detector', () => {
    expect(() => new GaussianDetector('det', { type: 'gaussian', units: 'c', width: -1 }, new Rng(1))).toThrow(/detector det: width must be a number in/);
  });

  it('the camera spot follows samx and samy', () => {
    const cam = new CameraDetector('eiger1', { type: 'camera', units: 'counts', width: 128, height: 64 });
    const argmax = (img: Uint16Array) => {
      let best = 0;
      for (let i = 1; i < img.length; i++) if (img[i]! > img[best]!) best = i;
      return [best % 128, Math.floor(best / 128)];
    };
    const centre = cam.acquire(ctx({ samx: 0, samy: 0 }));
    expect(centre).toBeInstanceOf(Uint16Array);
    expect(centre.length).toBe(128 * 64);
    const [x0, y0] = argmax(centre);
    expect(Math.abs(x0! - 63.5)).toBeLessThan(4);
    expect(Math.abs(y0! - 31.5)).toBeLessThan(4);
    const [x1, y1] = argmax(cam.acquire(ctx({ samx: 5, samy: -5 })));
    expect(x1!).toBeGreaterThan(x0! + 20);
    expect(y1!).toBeLessThan(y0! - 10);
  });

  it('the camera has Poisson-like noise: background variance close to its mean', () => {
    const cam = new CameraDetector('eiger1', { type: 'camera', units: 'counts', width: 256, height: 256, spotPeak: 0, background: 50 });
    const img = cam.acquire(ctx({ samx: 0, samy: 0 }, 0.1));
    let sum = 0;
    let sum2 = 0;
    for (const v of img) {
      sum += v;
      sum2 += v * v;
    }
    const mean = sum / img.length;
    const variance = sum2 / img.length - mean * mean;
    expect(mean).toBeGreaterThan(45);
    expect(mean).toBeLessThan(55);
    expect(variance / mean).toBeGreaterThan(0.8);
    expect(variance / mean).toBeLessThan(1.25);
  });

  it('spectrum peaks move with their motor', () => {
    const sp = new SpectrumDetector('spectrum1', { type: 'spectrum', units: 'counts', motor: 'ttheta', channels: 1024 }, new Rng(3));
    const peak = (s: Float64Array, lo: number, hi: number) => {
      let best = lo;
      for (let i = lo; i < hi; i++) if (s[i]! > s[best]!) best = i;
      return best;
    };
    const a = sp.acquire(ctx({ ttheta: 0 }, 1));
    const b = sp.acquire(ctx({ ttheta: 20 }, 1));
    expect(a.length).toBe(1024);
    expect(peak(b, 150, 300) - peak(a, 150, 300)).toBeGreaterThan(30);
  });

  it('the monitor counts in proportion to exp_time', () => {
    const m = new MonitorDetector('monitor', { type: 'monitor', units: 'counts', rate: 1e5 });
    expect(m.acquire(ctx({}, 1))).toBeGreaterThan(0.98e5);
    expect(m.acquire(ctx({}, 2))).toBeGreaterThan(1.96e5);
  });

  it('refuses a detector following a motor the config does not define', () => {
    const cfg = parseInstrumentConfig('motors:\n  samx: { limits: [-1, 1] }\ndetectors:\n  d: { type: diode, motor: samy }\n', 'x.yaml');
    expect(() => new Instrument(cfg)).toThrow(/detector d follows motor "samy"/);
  });

  it('creates every kind from the default config', () => {
    for (const type of ['gaussian', 'diode', 'spectrum', 'camera', 'monitor'] as const) {
      const d = createDetector('x', { type, units: 'counts' }, new Rng(1));
      expect(d.info().settings.type).toBe(type);
    }
  });
});
