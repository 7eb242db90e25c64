// Paints a frame on the image canvas with putImageData from the colormap's lookup table: one pass per frame, no
// per-pixel allocation, so 512×512 frames keep up with the live rate.
import { useEffect, type RefObject } from 'react';
import { colormapTable, type ColormapName } from '../colormaps.ts';
import { paint, type Pixels } from '../image-math.ts';

export function usePaint(canvas: RefObject<HTMLCanvasElement | null>, data: Pixels, width: number, height: number, range: [number, number], cmap: ColormapName, log: boolean): void {
  useEffect(() => {
    const c = canvas.current;
    if (!c || data.length < width * height) return;
    if (c.width !== width || c.height !== height) {
      c.width = width;
      c.height = height;
    }
    const ctx = c.getContext('2d');
    if (!ctx) return;
    const img = ctx.createImageData(width, height);
    paint(data, img.data, range[0], range[1], colormapTable(cmap), log);
    ctx.putImageData(img, 0, 0);
  }, [canvas, data, width, height, range, cmap, log]);
}
