// Regions of interest on 1-D and 2-D views, reduced by a math function to one number per frame (a 0-D trend).
export type RoiMath = 'sum' | 'mean' | 'max';

export interface Roi {
  id: number;
  math: RoiMath;
  /** 1-D: channels [x0, x1]; 2-D: pixels [x0, x1] × [y0, y1]; bounds included, clipped to the data. */
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/** The ROI's value on one frame (width = 0 for 1-D data). NaN when the region is empty. */
export function roiValue(data: ArrayLike<number>, width: number, height: number, roi: Roi): number {
  const w = width > 0 ? width : data.length;
  const h = width > 0 ? height : 1;
  const x0 = Math.max(0, Math.min(roi.x0, roi.x1));
  const x1 = Math.min(w - 1, Math.max(roi.x0, roi.x1));
  const y0 = width > 0 ? Math.max(0, Math.min(roi.y0, roi.y1)) : 0;
  const y1 = width > 0 ? Math.min(h - 1, Math.max(roi.y0, roi.y1)) : 0;
  if (x1 < x0 || y1 < y0) return NaN;
  let sum = 0;
  let max = -Infinity;
  let n = 0;
  for (let y = y0; y <= y1; y++) {
    const row = y * w;
    for (let x = x0; x <= x1; x++) {
      const v = data[row + x]!;
      sum += v;
      if (v > max) max = v;
      n++;
    }
  }
  return roi.math === 'sum' ? sum : roi.math === 'mean' ? sum / n : max;
}
