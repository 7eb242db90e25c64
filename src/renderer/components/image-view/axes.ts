// Axes in real units along an image's columns (x) or rows (y), e.g. a grid scan's motors: the value at a pixel
// and the ticks to draw at the current zoom and pan. Pure, so the image view only places the labels.
import { formatTick, formatValue, niceTicks } from '../../../shared/plot-format.ts';

/** A linear axis along the image's columns (x) or rows (y): pixel 0 is at `start`, the last pixel at `stop`. */
export interface AxisSpec {
  label: string;
  start: number;
  stop: number;
}

/** Height of the colour bar's value labels, width of a y axis and height of an x axis (css px). */
export const LABEL_H = 16;
export const AXIS_X_H = 36;
export const AXIS_Y_W = 62;

/** The value at pixel index i of an axis of n pixels. */
export function axisValue(a: AxisSpec, n: number, i: number): number {
  return n > 1 ? a.start + ((a.stop - a.start) * i) / (n - 1) : a.start;
}

/** Tick positions (css px along the image area) and labels of one axis at the current zoom and offset. */
export function axisTicks(a: AxisSpec, n: number, size: number, zoom: number, offset: number): { pos: number; text: string }[] {
  const px = (i: number) => offset + ((i + 0.5) * size * zoom) / n;
  const visible = (p: number) => p >= -0.5 && p <= size + 0.5;
  const out: { pos: number; text: string }[] = [];
  // Few set points (a grid scan): one tick per point, labelled with its set-point value.
  if (n <= 12) {
    // Set points to 4 significant digits (−0.3333, not −0.3), rounding noise shown as 0.
    const span = Math.abs(a.stop - a.start) || Math.abs(a.start) || 1;
    for (let i = 0; i < n; i++) {
      const v = axisValue(a, n, i);
      if (visible(px(i))) out.push({ pos: px(i), text: Math.abs(v) < span * 1e-9 ? '0' : formatValue(Number(v.toPrecision(4))) });
    }
    return out;
  }
  const iLo = ((-offset / (size * zoom)) * n) - 0.5;
  const iHi = (((size - offset) / (size * zoom)) * n) - 0.5;
  const { ticks, step } = niceTicks(axisValue(a, n, iLo), axisValue(a, n, iHi), Math.max(2, Math.round(size / 70)));
  for (const v of ticks) {
    const i = a.stop !== a.start ? ((v - a.start) / (a.stop - a.start)) * (n - 1) : 0;
    if (visible(px(i))) out.push({ pos: px(i), text: formatTick(v, step) });
  }
  return out;
}
