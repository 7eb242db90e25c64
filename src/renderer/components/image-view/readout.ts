// The text under an image that names the pixel under the mouse, its value and, with axes, its real coordinates.
import { formatValue } from '../../../shared/plot-format.ts';
import type { Pixels } from '../image-math.ts';
import { axisValue, type AxisSpec } from './axes.ts';

export interface ReadoutSource {
  data: Pixels;
  width: number;
  height: number;
  units?: string;
  xAxis?: AxisSpec;
  yAxis?: AxisSpec;
}

/** "x=10 y=5 value=510 counts (motor=1.5)" for fractional pixel coordinates; '' outside the image. */
export function readoutText({ data, width, height, units, xAxis, yAxis }: ReadoutSource, fx: number, fy: number): string {
  const px = Math.floor(fx);
  const py = Math.floor(fy);
  if (px < 0 || py < 0 || px >= width || py >= height) return '';
  const where = [xAxis ? `${xAxis.label}=${formatValue(axisValue(xAxis, width, px))}` : '', yAxis ? `${yAxis.label}=${formatValue(axisValue(yAxis, height, py))}` : ''].filter(Boolean).join(' ');
  return `x=${px} y=${py} value=${data[py * width + px]}${units ? ' ' + units : ''}${where ? ` (${where})` : ''}`;
}
