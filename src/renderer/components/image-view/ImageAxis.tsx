// An axis in real units beside (y) or below (x) the image, its ticks following zoom and pan.
import { AXIS_X_H, AXIS_Y_W, axisTicks, type AxisSpec } from './axes.ts';

export interface ImageAxisProps {
  axis: AxisSpec;
  orientation: 'x' | 'y';
  /** Pixels along the axis (image width for x, height for y). */
  pixels: number;
  size: number;
  zoom: number;
  /** Pan offset along the axis (css px). */
  offset: number;
  testId?: string;
}

export function ImageAxis({ axis, orientation, pixels, size, zoom, offset, testId }: ImageAxisProps) {
  // A tick label centred on the axis's first or last pixels would be cut in half by the axis's edge: it is
  // aligned to that edge instead (data-edge moves the x tick mark with it, plot-tools.css).
  const near = orientation === 'x' ? 16 : 7;
  const ticks = axisTicks(axis, pixels, size, zoom, offset).map((t, i) => {
    const edge = t.pos < near ? 'start' : t.pos > size - near ? 'end' : undefined;
    const shift = edge === 'start' ? '0%' : edge === 'end' ? '-100%' : '-50%';
    return (
      <span key={i} className="image-tick" data-edge={edge} style={orientation === 'x' ? { left: t.pos, transform: `translateX(${shift})` } : { top: t.pos, transform: `translateY(${shift})` }}>
        {t.text}
      </span>
    );
  });
  const label = <span className="image-axis-label">{axis.label}</span>;
  if (orientation === 'y') {
    return (
      <div className="image-axis image-axis-y" style={{ height: size, width: AXIS_Y_W }} data-testid={testId}>
        {label}
        {ticks}
      </div>
    );
  }
  return (
    <div className="image-axis image-axis-x" style={{ width: size, height: AXIS_X_H }} data-testid={testId}>
      {ticks}
      {label}
    </div>
  );
}
