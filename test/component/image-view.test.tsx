// The image view in real Chromium: it paints the frame through the colormap, follows manual contrast, and the
// crosshair readout reports the pixel value under the mouse.
import { createRoot } from 'react-dom/client';
import { flushSync } from 'react-dom';
import { afterEach, describe, expect, it } from 'vitest';
import { ImageView, minMax, paint } from '../../src/renderer/components/ImageView.tsx';
import { colormapTable } from '../../src/renderer/components/colormaps.ts';

let host: HTMLDivElement | undefined;
afterEach(() => host?.remove());

function mount(node: React.ReactNode) {
  host = document.createElement('div');
  document.body.appendChild(host);
  const root = createRoot(host);
  flushSync(() => root.render(node));
  return host;
}

/** A 64×32 ramp: value = x + 100·y. */
function ramp(w = 64, h = 32): Uint16Array {
  const a = new Uint16Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) a[y * w + x] = x + 100 * y;
  return a;
}

async function pixel(canvas: HTMLCanvasElement, x: number, y: number): Promise<number[]> {
  await new Promise((r) => requestAnimationFrame(r));
  return Array.from(canvas.getContext('2d')!.getImageData(x, y, 1, 1).data);
}

describe('ImageView', () => {
  it('paints the darkest pixel with the first colormap entry and the brightest with the last', async () => {
    const el = mount(<ImageView data={ramp()} width={64} height={32} size={256} testId="img" />);
    const canvas = el.querySelector('canvas.imageview-canvas') as HTMLCanvasElement;
    expect(canvas.width).toBe(64);
    const t = colormapTable('viridis');
    expect(await pixel(canvas, 0, 0)).toEqual([t[0], t[1], t[2], 255]);
    expect(await pixel(canvas, 63, 31)).toEqual([t[765], t[766], t[767], 255]);
  });

  it('clips to the manual contrast window', () => {
    const data = new Uint16Array([0, 50, 100, 200]);
    const out = new Uint8ClampedArray(16);
    const gray = colormapTable('gray');
    paint(data, out, 50, 100, gray);
    expect([out[0], out[4], out[8], out[12]]).toEqual([0, 0, 255, 255]);
    expect(minMax(data)).toEqual([0, 200]);
  });

  it('shows the value of the pixel under the mouse', async () => {
    const el = mount(<ImageView data={ramp()} width={64} height={32} size={256} testId="img" />);
    const viewport = el.querySelector('.imageview-viewport') as HTMLDivElement;
    const r = viewport.getBoundingClientRect();
    // Pixel (10, 5): 256 css px cover 64 columns and 32 rows, so 4 px per column and 8 px per row.
    viewport.dispatchEvent(new MouseEvent('mousemove', { bubbles: true, clientX: r.left + 10 * 4 + 1, clientY: r.top + 5 * 8 + 1 }));
    await expect.poll(() => el.querySelector('[data-testid="img-readout"]')!.textContent).toBe('x=10 y=5 value=510');
  });
});
