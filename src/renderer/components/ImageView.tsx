// A 2-D image on a canvas: colormap, colorbar, auto or manual contrast, wheel zoom, drag pan and a crosshair
// readout of the pixel under the mouse. Renders with putImageData from a lookup table: one pass per frame, no
// per-pixel allocation, so 512×512 frames keep up with ≥ 20 fps.
import { useEffect, useMemo, useRef, useState } from 'react';
import { COLORMAPS, colormapTable, type ColormapName } from './colormaps.ts';

export type Pixels = ArrayLike<number>;

export interface ImageViewProps {
  data: Pixels;
  width: number;
  height: number;
  title?: string;
  units?: string;
  /** Fixed size of the canvas on screen (css px). */
  size?: number;
  testId?: string;
  /** Rectangles drawn over the image (pixel bounds, included). */
  rois?: { x0: number; x1: number; y0: number; y1: number }[];
}

export function minMax(data: Pixels): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return Number.isFinite(lo) ? [lo, hi] : [0, 1];
}

/** Writes RGBA pixels for `data` into `out` with the given contrast window. */
export function paint(data: Pixels, out: Uint8ClampedArray, lo: number, hi: number, table: Uint8Array): void {
  // 256 equal bins over [lo, hi]; hi itself falls into the last one.
  const scale = hi > lo ? 256 / (hi - lo) : 0;
  for (let i = 0, j = 0; i < data.length; i++, j += 4) {
    let k = ((data[i]! - lo) * scale) | 0;
    if (k < 0) k = 0;
    else if (k > 255) k = 255;
    const t = k * 3;
    out[j] = table[t]!;
    out[j + 1] = table[t + 1]!;
    out[j + 2] = table[t + 2]!;
    out[j + 3] = 255;
  }
}

export function ImageView({ data, width, height, title, units, size = 420, testId, rois = [] }: ImageViewProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const bar = useRef<HTMLCanvasElement>(null);
  const [cmap, setCmap] = useState<ColormapName>('viridis');
  const [auto, setAuto] = useState(true);
  const [manual, setManual] = useState<[string, string]>(['0', '1000']);
  const [zoom, setZoom] = useState(1);
  const [offset, setOffset] = useState<[number, number]>([0, 0]);
  const [readout, setReadout] = useState<string>('');
  const drag = useRef<{ x: number; y: number; ox: number; oy: number } | undefined>(undefined);

  const range = useMemo<[number, number]>(() => {
    if (auto) return minMax(data);
    const lo = Number(manual[0]);
    const hi = Number(manual[1]);
    return Number.isFinite(lo) && Number.isFinite(hi) && hi > lo ? [lo, hi] : minMax(data);
  }, [auto, manual, data]);

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
    paint(data, img.data, range[0], range[1], colormapTable(cmap));
    ctx.putImageData(img, 0, 0);
  }, [data, width, height, range, cmap]);

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

  const onMove = (e: React.MouseEvent<HTMLDivElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    if (drag.current) {
      setOffset([drag.current.ox + (e.clientX - drag.current.x), drag.current.oy + (e.clientY - drag.current.y)]);
      return;
    }
    const px = Math.floor(((e.clientX - rect.left - offset[0]) / (size * zoom)) * width);
    const py = Math.floor(((e.clientY - rect.top - offset[1]) / (size * zoom)) * height);
    if (px >= 0 && py >= 0 && px < width && py < height) setReadout(`x=${px} y=${py} value=${data[py * width + px]}${units ? ' ' + units : ''}`);
    else setReadout('');
  };

  return (
    <div className="imageview" data-testid={testId}>
      <div className="imageview-tools">
        {title && <strong>{title}</strong>}
        <label>
          colormap{' '}
          <select value={cmap} onChange={(e) => setCmap(e.target.value as ColormapName)} aria-label="colormap">
            {COLORMAPS.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </label>
        <label>
          <input type="checkbox" checked={auto} onChange={(e) => setAuto(e.target.checked)} /> auto contrast
        </label>
        {!auto && (
          <>
            <input className="num" aria-label="contrast min" value={manual[0]} onChange={(e) => setManual([e.target.value, manual[1]])} />
            <input className="num" aria-label="contrast max" value={manual[1]} onChange={(e) => setManual([manual[0], e.target.value])} />
          </>
        )}
        <button onClick={() => (setZoom(1), setOffset([0, 0]))}>Reset view</button>
      </div>
      <div className="imageview-body">
        <div
          className="imageview-viewport"
          style={{ width: size, height: size }}
          onWheel={(e) => setZoom((z) => Math.min(64, Math.max(1, z * (e.deltaY < 0 ? 1.25 : 0.8))))}
          onMouseDown={(e) => (drag.current = { x: e.clientX, y: e.clientY, ox: offset[0], oy: offset[1] })}
          onMouseUp={() => (drag.current = undefined)}
          onMouseLeave={() => ((drag.current = undefined), setReadout(''))}
          onMouseMove={onMove}
        >
          <canvas
            ref={canvas}
            className="imageview-canvas"
            style={{ width: size * zoom, height: size * zoom, transform: `translate(${offset[0]}px, ${offset[1]}px)` }}
          />
          {rois.map((r, i) => {
            const sx = (size * zoom) / width;
            const sy = (size * zoom) / height;
            return (
              <div
                key={i}
                className="roi-box"
                style={{ left: offset[0] + Math.min(r.x0, r.x1) * sx, top: offset[1] + Math.min(r.y0, r.y1) * sy, width: (Math.abs(r.x1 - r.x0) + 1) * sx, height: (Math.abs(r.y1 - r.y0) + 1) * sy }}
              >
                <span>{i + 1}</span>
              </div>
            );
          })}
        </div>
        <div className="colorbar">
          <span className="num">{range[1].toPrecision(4)}</span>
          <canvas ref={bar} width={1} height={256} className="colorbar-canvas" />
          <span className="num">{range[0].toPrecision(4)}</span>
        </div>
      </div>
      <div className="readout" data-testid={testId ? `${testId}-readout` : undefined}>
        {readout || '\u00a0'}
      </div>
    </div>
  );
}
