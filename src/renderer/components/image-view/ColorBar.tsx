// The colour bar beside the image: the colormap from top (high) to bottom (low), as tall as the image, with the
// window's bounds written above and below.
import { useEffect, useRef } from 'react';
import { formatValue } from '../../../shared/plot-format.ts';
import { colormapTable, type ColormapName } from '../colormaps.ts';
import { LABEL_H } from './axes.ts';

export interface ColorBarProps {
  cmap: ColormapName;
  range: [number, number];
  log: boolean;
  /** Height of the image area (css px). */
  size: number;
  testId?: string;
}

export function ColorBar({ cmap, range, log, size, testId }: ColorBarProps) {
  const bar = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const c = bar.current;
    const ctx = c?.getContext('2d');
    if (!c || !ctx) return;
    const t = colormapTable(cmap);
    const img = ctx.createImageData(1, 256);
    for (let i = 0; i < 256; i++) {
      const k = (255 - i) * 3;
      img.data.set([t[k]!, t[k + 1]!, t[k + 2]!, 255], i * 4);
    }
    ctx.putImageData(img, 0, 0);
  }, [cmap]);

  return (
    <div className="colorbar" style={{ height: size }} data-testid={testId}>
      <span className="num" style={{ height: LABEL_H }}>
        {formatValue(range[1])}
      </span>
      {/* The canvas holds 256 colours; its on-screen height is set here, never from its 1:256 aspect ratio. */}
      <canvas ref={bar} width={1} height={256} className="colorbar-canvas" style={{ width: 16, height: size - 2 * LABEL_H }} />
      <span className="num" style={{ height: LABEL_H }}>
        {formatValue(range[0])}
        {log ? ' (log)' : ''}
      </span>
    </div>
  );
}
