// The image view in real Chromium, with the app's style sheet: it paints the frame through the colormap (linear
// or log), follows manual contrast, the crosshair readout reports the pixel value under the mouse, the colour bar
// is as tall as the image (it was 16×4096 css px), the wheel zooms without scrolling the page, ROIs are drawn and
// dragged with the mouse, the histogram sets the contrast, line profiles plot, and grid maps carry axes.
import { createRoot } from 'react-dom/client';
import { flushSync } from 'react-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import '../../src/renderer/styles.css';
import { ImageView, minMax, paint } from '../../src/renderer/components/ImageView.tsx';
import { colormapTable } from '../../src/renderer/components/colormaps.ts';
import type { Roi } from '../../src/renderer/components/roi.ts';

let host: HTMLDivElement | undefined;
afterEach(() => host?.remove());

let rootRender: ((n: React.ReactNode) => void) | undefined;
function mount(node: React.ReactNode) {
  host = document.createElement('div');
  document.body.appendChild(host);
  const root = createRoot(host);
  rootRender = (n) => flushSync(() => root.render(n));
  rootRender(node);
  return host;
}

const tick = () => new Promise((r) => setTimeout(r, 20));

/** Dispatches a mouse event at pixel (x, y) of an image shown `scale` css px per pixel. */
function mouse(target: Element, type: string, viewport: Element, x: number, y: number, sx: number, sy = sx) {
  const r = viewport.getBoundingClientRect();
  flushSync(() => target.dispatchEvent(new MouseEvent(type, { bubbles: true, cancelable: true, button: 0, clientX: r.left + x * sx + sx / 2, clientY: r.top + y * sy + sy / 2 })));
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

  it('keeps the colour bar and every part of the view within the image height (no 3,600 px colour bar)', async () => {
    const el = mount(<ImageView data={ramp()} width={64} height={32} size={300} testId="img" />);
    await tick();
    const bar = el.querySelector('canvas.colorbar-canvas')!.getBoundingClientRect();
    expect(bar.height).toBeGreaterThan(200);
    expect(bar.height).toBeLessThanOrEqual(300);
    expect(el.querySelector('[data-testid="img-colorbar"]')!.getBoundingClientRect().height).toBeLessThanOrEqual(300);
    // Tools row + image + readout: the whole view stays a screen's height, not thousands of pixels.
    expect(el.querySelector('[data-testid="img"]')!.getBoundingClientRect().height).toBeLessThan(420);
  });

  it('zooms on the wheel about the mouse and keeps the wheel from scrolling the page', async () => {
    const el = mount(<ImageView data={ramp()} width={64} height={32} size={256} testId="img" />);
    const viewport = el.querySelector('.imageview-viewport') as HTMLDivElement;
    const canvas = el.querySelector('canvas.imageview-canvas') as HTMLCanvasElement;
    const r = viewport.getBoundingClientRect();
    const wheel = new WheelEvent('wheel', { bubbles: true, cancelable: true, deltaY: -100, clientX: r.left + 64, clientY: r.top + 64 });
    flushSync(() => viewport.dispatchEvent(wheel));
    expect(wheel.defaultPrevented).toBe(true);
    await tick();
    expect(canvas.style.width).toBe('320px');
    // The point under the mouse stays put: offset = 64 − 64·1.25 = −16.
    expect(canvas.style.transform).toBe('translate(-16px, -16px)');
  });

  it('draws a new ROI with the mouse, then moves it by dragging', async () => {
    const onRois = vi.fn<(r: Roi[]) => void>();
    const el = mount(<ImageView data={ramp()} width={64} height={32} size={256} testId="img" rois={[]} onRoisChange={onRois} />);
    flushSync(() => (el.querySelector('button[title^="Drag to draw a rectangular ROI"]') as HTMLButtonElement).click());
    const viewport = el.querySelector('.imageview-viewport')!;
    expect(viewport.className).toContain('tool-roi');
    // 4 css px per column, 8 per row.
    mouse(viewport, 'mousedown', viewport, 10, 5, 4, 8);
    mouse(viewport, 'mousemove', viewport, 20, 12, 4, 8);
    await tick();
    expect(el.querySelector('.roi-box.draft')).not.toBeNull();
    mouse(viewport, 'mouseup', viewport, 20, 12, 4, 8);
    expect(onRois).toHaveBeenCalledTimes(1);
    const drawn = onRois.mock.calls[0]![0];
    expect(drawn).toHaveLength(1);
    expect(drawn[0]).toMatchObject({ x0: 10, x1: 20, y0: 5, y1: 12, math: 'sum' });

    rootRender!(<ImageView data={ramp()} width={64} height={32} size={256} testId="img" rois={drawn} onRoisChange={onRois} />);
    const box = el.querySelector('[data-testid="img-roi-1"]')!;
    mouse(box, 'mousedown', viewport, 12, 6, 4, 8);
    mouse(viewport, 'mousemove', viewport, 17, 8, 4, 8);
    mouse(viewport, 'mouseup', viewport, 17, 8, 4, 8);
    expect(onRois.mock.calls.at(-1)![0][0]).toMatchObject({ id: drawn[0]!.id, x0: 15, x1: 25, y0: 7, y1: 14 });
  });

  it('paints on a log scale: 10 lands mid-way between 1 and 100, and values ≤ 0 take the lowest colour', () => {
    const out = new Uint8ClampedArray(16);
    paint(new Float64Array([1, 10, 100, 0]), out, 1, 100, colormapTable('gray'), true);
    expect([out[0], out[8], out[12]]).toEqual([0, 255, 0]);
    expect(Math.abs(out[4]! - 127.5)).toBeLessThan(1);
  });

  it('sets the contrast range from a drag across the histogram', async () => {
    const el = mount(<ImageView data={ramp()} width={64} height={32} size={256} testId="img" />);
    flushSync(() => (Array.from(el.querySelectorAll('button')).find((b) => b.textContent === 'Histogram') as HTMLButtonElement).click());
    const hist = el.querySelector('[data-testid="img-histogram"] canvas')!;
    const r = hist.getBoundingClientRect();
    // The ramp runs 0…3163; drag from a quarter to a half of the width.
    flushSync(() => hist.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, clientX: r.left + r.width / 4, clientY: r.top + 5 })));
    flushSync(() => hist.dispatchEvent(new MouseEvent('mouseup', { bubbles: true, clientX: r.left + r.width / 2, clientY: r.top + 5 })));
    const lo = Number((el.querySelector('input[aria-label="contrast min"]') as HTMLInputElement).value);
    const hi = Number((el.querySelector('input[aria-label="contrast max"]') as HTMLInputElement).value);
    expect(lo).toBeCloseTo(3163 / 4, -1);
    expect(hi).toBeCloseTo(3163 / 2, -1);
  });

  it('plots the profile along a line drawn with the Line tool', async () => {
    const el = mount(<ImageView data={ramp()} width={64} height={32} size={256} testId="img" />);
    flushSync(() => (Array.from(el.querySelectorAll('button')).find((b) => b.textContent === 'Line') as HTMLButtonElement).click());
    const viewport = el.querySelector('.imageview-viewport')!;
    mouse(viewport, 'mousedown', viewport, 0, 3, 4, 8);
    mouse(viewport, 'mousemove', viewport, 40, 3, 4, 8);
    mouse(viewport, 'mouseup', viewport, 40, 3, 4, 8);
    await tick();
    expect(el.querySelector('[data-testid="img-profile"]')!.getAttribute('data-points')).toBe('41');
  });

  it('labels a grid map with its motors and set-point values', () => {
    const el = mount(<ImageView data={new Float64Array(20)} width={4} height={5} size={240} testId="map" xAxis={{ label: 'samy (mm)', start: -1, stop: 1 }} yAxis={{ label: 'samx (mm)', start: -1, stop: 1 }} />);
    const x = el.querySelector('[data-testid="map-xaxis"]')!;
    const y = el.querySelector('[data-testid="map-yaxis"]')!;
    expect(x.querySelector('.image-axis-label')!.textContent).toBe('samy (mm)');
    expect(y.querySelector('.image-axis-label')!.textContent).toBe('samx (mm)');
    expect(Array.from(x.querySelectorAll('.image-tick')).map((t) => t.textContent)).toEqual(['-1', '-0.3333', '0.3333', '1']);
    expect(Array.from(y.querySelectorAll('.image-tick')).map((t) => t.textContent)).toEqual(['-1', '-0.5', '0', '0.5', '1']);
  });

  it('shows the end labels of a map axis whole, not cut in half by the axis edges', () => {
    // 21 × 21 points as a grid scan's map: the first and last set-points sit half a pixel from the edges.
    const el = mount(<ImageView data={new Float64Array(441)} width={21} height={21} size={240} testId="map" xAxis={{ label: 'samy (mm)', start: -1, stop: 1 }} yAxis={{ label: 'samx (mm)', start: -1, stop: 1 }} />);
    const x = el.querySelector('[data-testid="map-xaxis"]')!;
    const y = el.querySelector('[data-testid="map-yaxis"]')!;
    expect(Array.from(x.querySelectorAll('.image-tick')).map((t) => t.textContent)).toContain('-1.0');
    // (the History map showed "1.0" for "-1.0")
    for (const axis of [x, y]) {
      const box = axis.getBoundingClientRect();
      for (const t of axis.querySelectorAll('.image-tick')) {
        const r = t.getBoundingClientRect();
        expect(r.left, `${t.textContent} inside its axis`).toBeGreaterThanOrEqual(box.left - 0.5);
        expect(r.right).toBeLessThanOrEqual(box.right + 0.5);
        expect(r.top).toBeGreaterThanOrEqual(box.top - 0.5);
        expect(r.bottom).toBeLessThanOrEqual(box.bottom + 0.5);
      }
    }
  });

  it('exports a small map as a PNG enlarged by whole pixels, and its numbers as CSV', async () => {
    const blobs: Blob[] = [];
    const names: string[] = [];
    const create = vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => (blobs.push(b as Blob), 'blob:x'));
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      names.push(this.download);
    });
    const el = mount(<ImageView data={Float64Array.from({ length: 20 }, (_, i) => i)} width={4} height={5} size={240} testId="map" exportName="scan 2 det map" />);
    flushSync(() => (el.querySelector('button[title="Save the plot as a PNG image"]') as HTMLButtonElement).click());
    await vi.waitFor(() => expect(blobs).toHaveLength(1));
    const png = await createImageBitmap(blobs[0]!);
    expect([png.width, png.height]).toEqual([256, 320]);
    flushSync(() => (el.querySelector('button[title="Save the plotted numbers as CSV"]') as HTMLButtonElement).click());
    expect(await blobs[1]!.text()).toBe('0,1,2,3\n4,5,6,7\n8,9,10,11\n12,13,14,15\n16,17,18,19\n');
    expect(names).toEqual(['scan_2_det_map.png', 'scan_2_det_map.csv']);
    create.mockRestore();
    click.mockRestore();
  });

  it('plots the row and column through the pixel clicked with the Cross tool, and follows new frames', async () => {
    const el = mount(<ImageView data={ramp()} width={64} height={32} size={256} testId="img" />);
    flushSync(() => (Array.from(el.querySelectorAll('button')).find((b) => b.textContent === 'Cross') as HTMLButtonElement).click());
    const viewport = el.querySelector('.imageview-viewport')!;
    mouse(viewport, 'mousedown', viewport, 10, 5, 4, 8);
    mouse(viewport, 'mouseup', viewport, 10, 5, 4, 8);
    await tick();
    expect(el.querySelectorAll('.imageview-overlay line')).toHaveLength(2);
    // 64 values along the row, 32 down the column.
    expect(el.querySelector('[data-testid="img-profile"]')!.getAttribute('data-points')).toBe('96');
  });
});
