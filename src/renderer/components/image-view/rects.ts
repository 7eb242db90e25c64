// ROI rectangles as the image view handles them: drawn bounds may come in any corner order, and rectangles
// handed back to the caller become full ROIs (an id and a math function) when they lacked them.
import type { Roi } from '../roi.ts';

/** A rectangle drawn over the image (pixel bounds, included); id and math when it is a live ROI. */
export type ImageRoi = Pick<Roi, 'x0' | 'x1' | 'y0' | 'y1'> & Partial<Pick<Roi, 'id' | 'math'>>;

/** The same rectangle with x0 ≤ x1 and y0 ≤ y1. */
export function normRect(r: ImageRoi): ImageRoi {
  return { ...r, x0: Math.min(r.x0, r.x1), x1: Math.max(r.x0, r.x1), y0: Math.min(r.y0, r.y1), y1: Math.max(r.y0, r.y1) };
}

/** The rectangles as ROIs; one without an id gets a fresh one, one without math sums. */
export function asRois(list: ImageRoi[]): Roi[] {
  return list.map((r, i) => ({ id: r.id ?? Date.now() + i, math: r.math ?? 'sum', x0: r.x0, x1: r.x1, y0: r.y0, y1: r.y1 }));
}

/** css-px box of a rectangle at scale (sx, sy) and pan offset (ox, oy). */
export function rectStyle(r: ImageRoi, sx: number, sy: number, ox: number, oy: number): { left: number; top: number; width: number; height: number } {
  return { left: ox + r.x0 * sx, top: oy + r.y0 * sy, width: (r.x1 - r.x0 + 1) * sx, height: (r.y1 - r.y0 + 1) * sy };
}
