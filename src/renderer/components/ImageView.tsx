// A 2-D image on a canvas: colormap (linear or log scale), a colour bar as tall as the image, auto or manual
// contrast with a histogram to drag the range on, wheel zoom about the mouse (the page does not scroll), drag
// pan, a readout of the pixel under the mouse, ROI rectangles drawn, moved and resized with the mouse, line and
// crosshair profiles, optional axes in real units (a scan's grid map), and PNG/CSV export. Renders with
// putImageData from a lookup table: one pass per frame, no per-pixel allocation, so 512×512 frames keep up with
// the live rate.
import { useEffect, useMemo, useRef, useState } from 'react';
import { formatTick, formatValue, imageToCsv, niceTicks } from '../../shared/plot-format.ts';
import { COLORMAPS, colormapTable, type ColormapName } from './colormaps.ts';
import { Histogram } from './Histogram.tsx';
import { crossProfiles, lineProfile, logWindow, minMax, paint, type Pixels } from './image-math.ts';
import { LinePlot, type Series } from './LinePlot.tsx';
import { PlotToolbar } from './PlotToolbar.tsx';
import type { Roi } from './roi.ts';
import './plot-tools.css';

export { minMax, paint, type Pixels };

/** A linear axis along the image's columns (x) or rows (y): pixel 0 is at `start`, the last pixel at `stop`. */
export interface AxisSpec {
  label: string;
  start: number;
  stop: number;
}

/** A rectangle drawn over the image (pixel bounds, included); id and math when it is a live ROI. */
export type ImageRoi = Pick<Roi, 'x0' | 'x1' | 'y0' | 'y1'> & Partial<Pick<Roi, 'id' | 'math'>>;

export interface ImageViewProps {
  data: Pixels;
  width: number;
  height: number;
  title?: string;
  units?: string;
  /** Fixed size of the image area on screen (css px). */
  size?: number;
  testId?: string;
  rois?: ImageRoi[];
  /** When given, ROIs can be drawn with the ROI tool and moved or resized with the mouse. */
  onRoisChange?: (rois: Roi[]) => void;
  /** Axes in real units (a grid scan's motors); without them the image has pixel coordinates only. */
  xAxis?: AxisSpec;
  yAxis?: AxisSpec;
  /** Base name of exported files. */
  exportName?: string;
}

type Tool = 'pan' | 'roi' | 'line' | 'cross';
type Gesture =
  | { kind: 'pan'; x: number; y: number; ox: number; oy: number }
  | { kind: 'draw'; px: number; py: number; rect?: ImageRoi }
  | { kind: 'move'; index: number; px: number; py: number; orig: ImageRoi }
  | { kind: 'resize'; index: number; orig: ImageRoi }
  | { kind: 'line'; px: number; py: number };

const LABEL_H = 16;
const AXIS_X_H = 36;
const AXIS_Y_W = 62;

/** The value at pixel index i of an axis of n pixels. */
function axisValue(a: AxisSpec, n: number, i: number): number {
  return n > 1 ? a.start + ((a.stop - a.start) * i) / (n - 1) : a.start;
}

/** Tick positions (css px along the image area) and labels of one axis at the current zoom and offset. */
function axisTicks(a: AxisSpec, n: number, size: number, zoom: number, offset: number): { pos: number; text: string }[] {
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

/** The canvas for PNG export: small images (a 5×4 grid map) are enlarged by whole pixels to at least 256 px. */
export function exportCanvas(c: HTMLCanvasElement | null): HTMLCanvasElement | null {
  if (!c || (c.width >= 256 && c.height >= 256)) return c;
  const k = Math.ceil(256 / Math.max(1, Math.min(c.width, c.height)));
  const big = document.createElement('canvas');
  big.width = c.width * k;
  big.height = c.height * k;
  const ctx = big.getContext('2d');
  if (!ctx) return c;
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(c, 0, 0, big.width, big.height);
  return big;
}

function normRect(r: ImageRoi): ImageRoi {
  return { ...r, x0: Math.min(r.x0, r.x1), x1: Math.max(r.x0, r.x1), y0: Math.min(r.y0, r.y1), y1: Math.max(r.y0, r.y1) };
}

export function ImageView({ data, width, height, title, units, size = 420, testId, rois = [], onRoisChange, xAxis, yAxis, exportName }: ImageViewProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const bar = useRef<HTMLCanvasElement>(null);
  const viewport = useRef<HTMLDivElement>(null);
  const [cmap, setCmap] = useState<ColormapName>('viridis');
  const [log, setLog] = useState(false);
  const [auto, setAuto] = useState(true);
  const [manual, setManual] = useState<[string, string]>(['0', '1000']);
  const [view, setView] = useState({ zoom: 1, ox: 0, oy: 0 });
  const [readout, setReadout] = useState<string>('');
  const [tool, setTool] = useState<Tool>('pan');
  const [showHist, setShowHist] = useState(false);
  const [line, setLine] = useState<[number, number, number, number] | undefined>();
  const [cross, setCross] = useState<[number, number] | undefined>();
  const [draft, setDraft] = useState<ImageRoi | undefined>();
  const gesture = useRef<Gesture | undefined>(undefined);
  const { zoom, ox, oy } = view;

  const range = useMemo<[number, number]>(() => {
    let r: [number, number];
    if (auto) r = minMax(data);
    else {
      const lo = Number(manual[0]);
      const hi = Number(manual[1]);
      r = Number.isFinite(lo) && Number.isFinite(hi) && hi > lo ? [lo, hi] : minMax(data);
    }
    return log ? logWindow(r[0], r[1], data) : r;
  }, [auto, manual, data, log]);

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
  }, [data, width, height, range, cmap, log]);

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

  // The wheel zooms about the mouse. React's wheel listener is passive, so it cannot stop the page from
  // scrolling too; a native non-passive listener can.
  useEffect(() => {
    const el = viewport.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const r = el.getBoundingClientRect();
      const mx = e.clientX - r.left;
      const my = e.clientY - r.top;
      setView((v) => {
        const zoom = Math.min(64, Math.max(1, v.zoom * (e.deltaY < 0 ? 1.25 : 0.8)));
        if (zoom === 1) return { zoom, ox: 0, oy: 0 };
        const f = zoom / v.zoom;
        return { zoom, ox: mx - (mx - v.ox) * f, oy: my - (my - v.oy) * f };
      });
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, []);

  const sx = (size * zoom) / width;
  const sy = (size * zoom) / height;
  /** Fractional pixel coordinates of a mouse event. */
  const pixelAt = (e: { clientX: number; clientY: number }): [number, number] => {
    const rect = viewport.current!.getBoundingClientRect();
    return [(e.clientX - rect.left - ox) / sx, (e.clientY - rect.top - oy) / sy];
  };
  const clampX = (v: number) => Math.min(width - 1, Math.max(0, Math.floor(v)));
  const clampY = (v: number) => Math.min(height - 1, Math.max(0, Math.floor(v)));
  const editable = onRoisChange !== undefined;
  const asRois = (list: ImageRoi[]): Roi[] => list.map((r, i) => ({ id: r.id ?? Date.now() + i, math: r.math ?? 'sum', x0: r.x0, x1: r.x1, y0: r.y0, y1: r.y1 }));

  const onDown = (e: React.MouseEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    const [fx, fy] = pixelAt(e);
    if (tool === 'roi' && editable) gesture.current = { kind: 'draw', px: clampX(fx), py: clampY(fy) };
    else if (tool === 'line') gesture.current = { kind: 'line', px: fx, py: fy };
    else if (tool === 'cross') setCross([clampX(fx), clampY(fy)]);
    else gesture.current = { kind: 'pan', x: e.clientX, y: e.clientY, ox, oy };
  };

  const onMove = (e: React.MouseEvent<HTMLDivElement>) => {
    const g = gesture.current;
    const [fx, fy] = pixelAt(e);
    if (g?.kind === 'pan') setView((v) => ({ ...v, ox: g.ox + (e.clientX - g.x), oy: g.oy + (e.clientY - g.y) }));
    else if (g?.kind === 'draw') {
      g.rect = normRect({ x0: g.px, y0: g.py, x1: clampX(fx), y1: clampY(fy) });
      setDraft(g.rect);
    }
    else if (g?.kind === 'line') setLine([g.px, g.py, fx, fy]);
    else if (g?.kind === 'move') {
      const r = normRect(g.orig);
      const dx = Math.min(width - 1 - r.x1, Math.max(-r.x0, Math.round(fx - g.px)));
      const dy = Math.min(height - 1 - r.y1, Math.max(-r.y0, Math.round(fy - g.py)));
      onRoisChange?.(asRois(rois.map((q, i) => (i === g.index ? { ...q, x0: r.x0 + dx, x1: r.x1 + dx, y0: r.y0 + dy, y1: r.y1 + dy } : q))));
    } else if (g?.kind === 'resize') {
      const r = normRect(g.orig);
      onRoisChange?.(asRois(rois.map((q, i) => (i === g.index ? normRect({ ...q, x0: r.x0, y0: r.y0, x1: clampX(fx), y1: clampY(fy) }) : q))));
    }
    const px = Math.floor(fx);
    const py = Math.floor(fy);
    if (px >= 0 && py >= 0 && px < width && py < height) {
      const where = [xAxis ? `${xAxis.label}=${formatValue(axisValue(xAxis, width, px))}` : '', yAxis ? `${yAxis.label}=${formatValue(axisValue(yAxis, height, py))}` : ''].filter(Boolean).join(' ');
      setReadout(`x=${px} y=${py} value=${data[py * width + px]}${units ? ' ' + units : ''}${where ? ` (${where})` : ''}`);
    } else setReadout('');
  };

  const onUp = () => {
    const g = gesture.current;
    gesture.current = undefined;
    // The rectangle lives on the gesture: a mouseup can come before React has rendered the last draft.
    if (g?.kind === 'draw' && g.rect) onRoisChange?.([...asRois(rois), { id: Date.now(), math: 'sum', x0: g.rect.x0, x1: g.rect.x1, y0: g.rect.y0, y1: g.rect.y1 }]);
    if (g?.kind === 'draw') setDraft(undefined);
  };

  const profile = useMemo<Series[]>(() => {
    if (tool === 'line' && line) {
      const p = lineProfile(data, width, height, line[0], line[1], line[2], line[3]);
      return [{ label: 'line profile', x: p.d, y: p.v }];
    }
    if (tool === 'cross' && cross) {
      const p = crossProfiles(data, width, height, cross[0], cross[1]);
      return [
        { label: `row y=${cross[1]}`, x: p.row.map((_, i) => i), y: p.row },
        { label: `column x=${cross[0]}`, x: p.column.map((_, i) => i), y: p.column },
      ];
    }
    return [];
  }, [tool, line, cross, data, width, height]);

  const toolButton = (t: Tool, label: string, hint: string) => (
    <button type="button" className={tool === t ? 'tool active' : 'tool'} aria-pressed={tool === t} title={hint} onClick={() => setTool(t)}>
      {label}
    </button>
  );
  const barH = size - 2 * LABEL_H;
  const axisW = yAxis ? AXIS_Y_W : 0;
  const name = exportName ?? title ?? testId ?? 'image';

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
        <label title="Colour by the logarithm of the value (values ≤ 0 take the lowest colour)">
          <input type="checkbox" checked={log} onChange={(e) => setLog(e.target.checked)} aria-label="log colour scale" /> log
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
        <button type="button" aria-pressed={showHist} onClick={() => setShowHist(!showHist)} title="Show the histogram of the frame; drag on it to set the contrast range">
          Histogram
        </button>
        <span className="tool-group" role="group" aria-label="mouse tool">
          {toolButton('pan', 'Pan', 'Drag to pan; the wheel zooms about the mouse')}
          {editable && toolButton('roi', 'ROI', 'Drag to draw a rectangular ROI; drag an ROI to move it, its corner to resize it')}
          {toolButton('line', 'Line', 'Drag to draw a line; its profile is plotted below')}
          {toolButton('cross', 'Cross', 'Click a pixel; its row and column profiles are plotted below')}
        </span>
        <button type="button" onClick={() => setView({ zoom: 1, ox: 0, oy: 0 })}>
          Reset view
        </button>
        <PlotToolbar name={name} canvas={() => exportCanvas(canvas.current)} csv={() => imageToCsv(data, width, height)} />
      </div>
      <div className="imageview-frame" style={{ gridTemplateColumns: `${axisW}px ${size}px auto`, columnGap: yAxis ? 4 : 0 }}>
        {yAxis ? (
          <div className="image-axis image-axis-y" style={{ height: size, width: AXIS_Y_W }} data-testid={testId ? `${testId}-yaxis` : undefined}>
            <span className="image-axis-label">{yAxis.label}</span>
            {axisTicks(yAxis, height, size, zoom, oy).map((t, i) => (
              <span key={i} className="image-tick" style={{ top: t.pos }}>
                {t.text}
              </span>
            ))}
          </div>
        ) : (
          <div />
        )}
        <div
          ref={viewport}
          className={`imageview-viewport tool-${tool}`}
          style={{ width: size, height: size }}
          onMouseDown={onDown}
          onMouseUp={onUp}
          onMouseLeave={() => (onUp(), setReadout(''))}
          onMouseMove={onMove}
        >
          <canvas ref={canvas} className="imageview-canvas" style={{ width: size * zoom, height: size * zoom, transform: `translate(${ox}px, ${oy}px)` }} />
          {rois.map((r0, i) => {
            const r = normRect(r0);
            return (
              <div
                key={r.id ?? i}
                className={editable ? 'roi-box editable' : 'roi-box'}
                data-testid={testId ? `${testId}-roi-${i + 1}` : undefined}
                style={{ left: ox + r.x0 * sx, top: oy + r.y0 * sy, width: (r.x1 - r.x0 + 1) * sx, height: (r.y1 - r.y0 + 1) * sy }}
                onMouseDown={(e) => {
                  if (!editable || e.button !== 0) return;
                  e.stopPropagation();
                  const [fx, fy] = pixelAt(e);
                  gesture.current = { kind: 'move', index: i, px: fx, py: fy, orig: r };
                }}
              >
                <span>{i + 1}</span>
                {editable && (
                  <i
                    className="roi-handle"
                    title="Drag to resize"
                    onMouseDown={(e) => {
                      if (e.button !== 0) return;
                      e.stopPropagation();
                      gesture.current = { kind: 'resize', index: i, orig: r };
                    }}
                  />
                )}
              </div>
            );
          })}
          {draft && <div className="roi-box draft" style={{ left: ox + draft.x0 * sx, top: oy + draft.y0 * sy, width: (draft.x1 - draft.x0 + 1) * sx, height: (draft.y1 - draft.y0 + 1) * sy }} />}
          {((tool === 'line' && line) || (tool === 'cross' && cross)) && (
            <svg className="imageview-overlay" width={size} height={size}>
              {tool === 'line' && line && <line x1={ox + line[0] * sx} y1={oy + line[1] * sy} x2={ox + line[2] * sx} y2={oy + line[3] * sy} />}
              {tool === 'cross' && cross && (
                <>
                  <line x1={0} x2={size} y1={oy + (cross[1] + 0.5) * sy} y2={oy + (cross[1] + 0.5) * sy} />
                  <line y1={0} y2={size} x1={ox + (cross[0] + 0.5) * sx} x2={ox + (cross[0] + 0.5) * sx} />
                </>
              )}
            </svg>
          )}
        </div>
        <div className="colorbar" style={{ height: size }} data-testid={testId ? `${testId}-colorbar` : undefined}>
          <span className="num" style={{ height: LABEL_H }}>
            {formatValue(range[1])}
          </span>
          {/* The canvas holds 256 colours; its on-screen height is set here, never from its 1:256 aspect ratio. */}
          <canvas ref={bar} width={1} height={256} className="colorbar-canvas" style={{ width: 16, height: barH }} />
          <span className="num" style={{ height: LABEL_H }}>
            {formatValue(range[0])}
            {log ? ' (log)' : ''}
          </span>
        </div>
        <div />
        {xAxis ? (
          <div className="image-axis image-axis-x" style={{ width: size, height: AXIS_X_H }} data-testid={testId ? `${testId}-xaxis` : undefined}>
            {axisTicks(xAxis, width, size, zoom, ox).map((t, i) => (
              <span key={i} className="image-tick" style={{ left: t.pos }}>
                {t.text}
              </span>
            ))}
            <span className="image-axis-label">{xAxis.label}</span>
          </div>
        ) : (
          <div />
        )}
      </div>
      <div className="readout" data-testid={testId ? `${testId}-readout` : undefined}>
        {readout || '\u00a0'}
      </div>
      {showHist && (
        <Histogram
          data={data}
          window={range}
          testId={testId ? `${testId}-histogram` : undefined}
          onWindow={(w) => {
            setAuto(false);
            setManual([String(Number(w[0].toPrecision(6))), String(Number(w[1].toPrecision(6)))]);
          }}
        />
      )}
      {profile.length > 0 && <LinePlot series={profile} xLabel={tool === 'line' ? 'distance (px)' : 'pixel'} yLabel={units ? `value (${units})` : 'value'} height={160} testId={testId ? `${testId}-profile` : undefined} exportName={`${name}-profile`} />}
    </div>
  );
}
