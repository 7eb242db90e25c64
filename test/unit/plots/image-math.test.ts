// The per-frame arithmetic behind the image tools: histogram bins, the log colour window, line and crosshair
// profiles, checked on small frames whose answers are known by hand.
import { describe, expect, it } from 'vitest';
import { crossProfiles, histogram, lineProfile, logWindow } from '../../../src/renderer/components/image-math.ts';

const img = Uint16Array.from({ length: 4 * 3 }, (_, i) => i); // 4 wide, 3 high: value = x + 4y

describe('image math', () => {
  it('bins values over the range, the top value in the last bin, values outside left out', () => {
    expect(Array.from(histogram([0, 1, 2, 3, 4, 9, 10, 11, -1], 0, 10, 5))).toEqual([2, 2, 1, 0, 2]);
  });
  it('moves a log window above zero: to the smallest positive value', () => {
    expect(logWindow(0, 1000, [0, 0, 5, 1000])).toEqual([5, 1000]);
    expect(logWindow(2, 50, [0, 2, 50])).toEqual([2, 50]);
    expect(logWindow(-5, 0, [-5, 0])).toEqual([1, 10]); // nothing positive: one decade above 1
  });
  it('samples a line profile pixel by pixel with distances, NaN outside the image', () => {
    const p = lineProfile(img, 4, 3, 0, 1, 3, 1);
    expect(p.v).toEqual([4, 5, 6, 7]);
    expect(p.d).toEqual([0, 1, 2, 3]);
    const diag = lineProfile(img, 4, 3, 0, 0, 2, 2);
    expect(diag.v).toEqual([0, 5, 10]);
    expect(diag.d[2]).toBeCloseTo(Math.SQRT2 * 2, 12);
    expect(lineProfile(img, 4, 3, 2, 2, 4, 2).v).toEqual([10, 11, NaN]);
  });
  it('gives the row and the column through a pixel', () => {
    expect(crossProfiles(img, 4, 3, 1, 2)).toEqual({ row: [8, 9, 10, 11], column: [1, 5, 9] });
  });
});
