// Peak statistics as bluesky's PeakStats computes them, checked against Gaussians whose centre and width are
// known in closed form (FWHM = 2·sqrt(2 ln 2)·σ), the way a user checks "move to peak" before trusting it.
import { describe, expect, it } from 'vitest';
import { peakStats } from '../../../src/shared/peak-stats.ts';

function gaussian(n: number, lo: number, hi: number, centre: number, sigma: number, amp = 1000, background = 0) {
  const x = Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));
  const y = x.map((v) => background + amp * Math.exp(-((v - centre) ** 2) / (2 * sigma ** 2)));
  return { x, y };
}

const FWHM_PER_SIGMA = 2 * Math.sqrt(2 * Math.log(2));

describe('peakStats', () => {
  it('finds the centre, centre of mass and FWHM of a centred Gaussian', () => {
    const { x, y } = gaussian(201, -5, 5, 0, 1);
    const s = peakStats(x, y)!;
    expect(s.max[0]).toBeCloseTo(0, 10);
    expect(s.max[1]).toBeCloseTo(1000, 6);
    expect(s.com!).toBeCloseTo(0, 6);
    expect(s.cen!).toBeCloseTo(0, 6);
    expect(s.fwhm!).toBeCloseTo(FWHM_PER_SIGMA, 2);
    expect(s.crossings).toHaveLength(2);
  });

  it('follows an off-centre, narrow peak on a flat background (background does not pull the centre of mass)', () => {
    const { x, y } = gaussian(401, -10, 10, 2.5, 0.4, 5e4, 300);
    const s = peakStats(x, y)!;
    expect(s.max[0]).toBeCloseTo(2.5, 6);
    expect(s.cen!).toBeCloseTo(2.5, 3);
    expect(s.com!).toBeCloseTo(2.5, 3);
    expect(s.fwhm!).toBeCloseTo(0.4 * FWHM_PER_SIGMA, 2);
    expect(s.min[1]).toBeCloseTo(300, 6);
  });

  it('gives the same answer for a scan run backwards', () => {
    const { x, y } = gaussian(101, -3, 3, -0.7, 0.5);
    const f = peakStats(x, y)!;
    const b = peakStats([...x].reverse(), [...y].reverse())!;
    expect(b.cen!).toBeCloseTo(f.cen!, 12);
    expect(b.com!).toBeCloseTo(f.com!, 12);
    expect(b.fwhm!).toBeCloseTo(f.fwhm!, 12);
  });

  it('reports a dip through min, and leaves out FWHM while only one edge is scanned', () => {
    const { x, y } = gaussian(51, -2, 0, 0, 0.5);
    const s = peakStats(x, y)!;
    expect(s.crossings).toHaveLength(1);
    expect(s.fwhm).toBeUndefined();
    expect(s.cen!).toBeCloseTo(-(FWHM_PER_SIGMA / 2) * 0.5, 2); // the half-maximum point of the one edge
    const dip = peakStats([0, 1, 2, 3, 4], [5, 4, 1, 4, 5])!;
    expect(dip.min).toEqual([2, 1]);
  });

  it('copes with a flat line, one point and no usable points', () => {
    const flat = peakStats([0, 1, 2], [7, 7, 7])!;
    expect(flat.com).toBeUndefined();
    expect(flat.fwhm).toBeUndefined();
    expect(peakStats([3], [4e-29])!.max).toEqual([3, 4e-29]);
    expect(peakStats([NaN], [1])).toBeUndefined();
  });
});
