// ROI math on 1-D and 2-D frames: sum, mean and max over the region, bounds included and clipped to the data.
import { describe, expect, it } from 'vitest';
import { roiValue } from '../../src/renderer/components/roi.ts';

describe('ROI values', () => {
  const img = Uint16Array.from({ length: 4 * 3 }, (_, i) => i); // 4 wide, 3 high: value = x + 4y
  it('reduces a rectangle of an image by sum, mean and max', () => {
    const roi = { id: 1, x0: 1, x1: 2, y0: 1, y1: 2, math: 'sum' as const };
    expect(roiValue(img, 4, 3, roi)).toBe(5 + 6 + 9 + 10);
    expect(roiValue(img, 4, 3, { ...roi, math: 'mean' })).toBe(7.5);
    expect(roiValue(img, 4, 3, { ...roi, math: 'max' })).toBe(10);
  });
  it('clips the region to the image and accepts reversed bounds', () => {
    expect(roiValue(img, 4, 3, { id: 1, x0: 3, x1: 100, y0: 2, y1: -5, math: 'sum' })).toBe(3 + 7 + 11);
  });
  it('works on spectra (channel ranges)', () => {
    const sp = Float64Array.from([1, 2, 3, 4, 5]);
    expect(roiValue(sp, 0, 1, { id: 1, x0: 1, x1: 3, y0: 0, y1: 0, math: 'sum' })).toBe(9);
    expect(roiValue(sp, 0, 1, { id: 1, x0: 10, x1: 20, y0: 0, y1: 0, math: 'sum' })).toBeNaN();
  });
});
