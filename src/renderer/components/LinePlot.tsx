// Line plot on chart.js for live scans and the browser: several series over one x axis, linear or log y,
// drag on the plot to zoom into an x range, double-click to reset. Updates replace the data in place and redraw
// without animation, so a live plot can be refreshed at the UI's frame rate. The x axis spans exactly the data
// (or the range a caller plans, e.g. a scan's start…stop), never chart.js's rounded-up "nice" bounds; tick labels
// carry only the digits their step needs; vertical markers (peak statistics) and PNG/CSV export are built in.
import {
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  LogarithmicScale,
  PointElement,
  ScatterController,
  Tooltip,
  type ChartConfiguration,
  type Plugin,
  type Tick,
} from 'chart.js';
import { useEffect, useRef, useState } from 'react';
import { extent, formatTick, seriesToCsv } from '../../shared/plot-format.ts';
import { PlotToolbar } from './PlotToolbar.tsx';
import './plot-tools.css';

Chart.register(LineController, ScatterController, LineElement, PointElement, LinearScale, LogarithmicScale, Tooltip, Legend);

export interface Series {
  label: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
}

export interface LinePlotProps {
  series: Series[];
  xLabel?: string;
  yLabel?: string;
  logY?: boolean;
  logX?: boolean;
  height?: number;
  testId?: string;
  /** Called with the visible x range after a zoom (undefined = full range): lets a caller read a finer slice. */
  onZoom?: (range: [number, number] | undefined) => void;
  /** The x range to show when not zoomed (a scan's planned start…stop); default: exactly the data's range. */
  xRange?: [number, number];
  /** Vertical lines at x positions with a label (peak, centre of mass…). */
  markers?: Marker[];
  /** Base name of exported PNG/CSV files; the export buttons show unless `exportable` is false. */
  exportName?: string;
  exportable?: boolean;
}

export interface Marker {
  x: number;
  label: string;
  color?: string;
}

/** The spacing of regular ticks: the largest gap between neighbours (the bounds chart.js adds are closer). */
function tickStep(ticks: Tick[]): number {
  let step = 0;
  for (let i = 1; i < ticks.length; i++) step = Math.max(step, Math.abs(ticks[i]!.value - ticks[i - 1]!.value));
  return step;
}

/** Linear ticks with the digits their step needs; log ticks labelled at 1, 2 and 5 × 10^n only. */
function tickLabel(this: { type: string }, value: number | string, _i: number, ticks: Tick[]): string {
  const v = Number(value);
  if (this.type === 'logarithmic') {
    if (v <= 0) return '';
    const mantissa = (t: number) => Math.round(t / 10 ** Math.floor(Math.log10(t) + 1e-9));
    const major = (t: number) => [1, 2, 5].includes(mantissa(t));
    // Over less than a decade few ticks are 1, 2 or 5 × 10^n: then label them all.
    const few = ticks.filter((t) => t.value > 0 && major(t.value)).length < 3;
    return few || major(v) ? formatTick(v, v) : '';
  }
  return formatTick(v, tickStep(ticks));
}

/** Draws the markers as dashed vertical lines with their label at the top of the chart area. */
const markerPlugin: Plugin<'line'> = {
  id: 'daqMarkers',
  afterDatasetsDraw(chart) {
    const markers = (chart.options.plugins as unknown as { daqMarkers?: { markers?: Marker[] } }).daqMarkers?.markers ?? [];
    const { ctx, chartArea } = chart;
    const x = chart.scales.x;
    if (!x || markers.length === 0) return;
    ctx.save();
    ctx.font = '11px sans-serif';
    markers.forEach((m, i) => {
      const px = x.getPixelForValue(m.x);
      if (!Number.isFinite(px) || px < chartArea.left || px > chartArea.right) return;
      ctx.strokeStyle = ctx.fillStyle = m.color ?? '#e03131';
      ctx.setLineDash([4, 3]);
      ctx.beginPath();
      ctx.moveTo(px, chartArea.top);
      ctx.lineTo(px, chartArea.bottom);
      ctx.stroke();
      ctx.fillText(m.label, px + 3, chartArea.top + 12 + 12 * i);
    });
    ctx.restore();
  },
};

const PALETTE = ['#1f6feb', '#d9480f', '#2f9e44', '#ae3ec9', '#f59f00', '#0c8599', '#e03131', '#5c940d'];

function toPoints(s: Series): { x: number; y: number }[] {
  const n = Math.min(s.x.length, s.y.length);
  const pts = new Array<{ x: number; y: number }>(n);
  for (let i = 0; i < n; i++) pts[i] = { x: s.x[i]!, y: s.y[i]! };
  return pts;
}

export function LinePlot({ series, xLabel, yLabel, logY = false, logX = false, height = 320, testId, onZoom, xRange, markers, exportName, exportable = true }: LinePlotProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart | undefined>(undefined);
  const [range, setRange] = useState<[number, number] | undefined>();
  const dragFrom = useRef<number | undefined>(undefined);

  useEffect(() => {
    if (!canvas.current) return;
    const config: ChartConfiguration<'line', { x: number; y: number }[]> = {
      type: 'line',
      data: { datasets: [] },
      options: {
        animation: false,
        parsing: false,
        normalized: true,
        responsive: true,
        maintainAspectRatio: false,
        interaction: { mode: 'nearest', intersect: false, axis: 'x' },
        scales: {
          // min and max are set to the data (or planned) range below; the labels stay on round values inside it
          // (an end label 511 squeezed beside 500 would overlap).
          x: { type: 'linear', title: { display: true, text: '' }, ticks: { callback: tickLabel, includeBounds: false } },
          y: { type: 'linear', title: { display: true, text: '' }, ticks: { callback: tickLabel } },
        },
        plugins: { legend: { display: true, position: 'top' }, tooltip: { enabled: true }, ...({ daqMarkers: { markers: [] } } as object) },
        elements: { point: { radius: 2 }, line: { borderWidth: 1.5 } },
      },
      plugins: [markerPlugin],
    };
    chart.current = new Chart(canvas.current, config);
    return () => chart.current?.destroy();
  }, []);

  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    // A live series grows: when a dataset keeps its label and its source arrays and only gets longer, append the
    // new points instead of rebuilding all of them every frame.
    const previous = c.data.datasets as unknown as { label: string; data: { x: number; y: number }[]; src?: Series }[];
    c.data.datasets = series.map((s, i) => {
      const old = previous[i];
      const n = Math.min(s.x.length, s.y.length);
      let data: { x: number; y: number }[];
      if (old && old.label === s.label && old.src && old.src.x === s.x && old.src.y === s.y && old.data.length <= n) {
        data = old.data;
        for (let k = data.length; k < n; k++) data.push({ x: s.x[k]!, y: s.y[k]! });
      } else data = toPoints(s);
      return { label: s.label, data, src: s, borderColor: PALETTE[i % PALETTE.length], backgroundColor: PALETTE[i % PALETTE.length], pointRadius: n > 2000 ? 0 : 2 };
    }) as never;
    const x = c.options.scales!.x!;
    const y = c.options.scales!.y!;
    x.type = logX ? 'logarithmic' : 'linear';
    y.type = logY ? 'logarithmic' : 'linear';
    (x as { title: { text: string } }).title.text = xLabel ?? '';
    (y as { title: { text: string } }).title.text = yLabel ?? '';
    // Not zoomed: exactly the planned range, else exactly the data (chart.js would round up to a nice tick).
    let shown = range ?? xRange;
    if (!shown && !logX) {
      let lo = Infinity;
      let hi = -Infinity;
      for (const s of series) {
        const e = extent(s.x);
        if (e) [lo, hi] = [Math.min(lo, e[0]), Math.max(hi, e[1])];
      }
      if (hi > lo) shown = [lo, hi];
    }
    x.min = shown?.[0];
    x.max = shown?.[1];
    (c.options.plugins as unknown as { daqMarkers: { markers: Marker[] } }).daqMarkers.markers = markers ?? [];
    c.update('none');
    // The shown x range, for tests and tools that read the DOM (set directly: no re-render per frame).
    const el = canvas.current?.parentElement;
    if (el) {
      el.dataset.xmin = String(c.scales.x?.min ?? '');
      el.dataset.xmax = String(c.scales.x?.max ?? '');
    }
  }, [series, xLabel, yLabel, logY, logX, range, xRange, markers]);

  const valueAt = (e: React.MouseEvent) => {
    const c = chart.current;
    if (!c) return undefined;
    const rect = canvas.current!.getBoundingClientRect();
    return c.scales.x!.getValueForPixel(e.clientX - rect.left);
  };

  const plot = (
    <div
      className="lineplot"
      style={{ height }}
      data-testid={testId}
      data-points={series.reduce((n, s) => n + Math.min(s.x.length, s.y.length), 0)}
      data-series={series.map((s) => s.label).join('\n')}
      onMouseDown={(e) => (dragFrom.current = valueAt(e))}
      onMouseUp={(e) => {
        const a = dragFrom.current;
        const b = valueAt(e);
        dragFrom.current = undefined;
        if (a === undefined || b === undefined || a === b) return;
        const r: [number, number] = [Math.min(a, b), Math.max(a, b)];
        setRange(r);
        onZoom?.(r);
      }}
      onDoubleClick={() => {
        setRange(undefined);
        onZoom?.(undefined);
      }}
      title="Drag to zoom into an x range; double-click to reset"
    >
      <canvas ref={canvas} />
    </div>
  );
  if (!exportable) return plot;
  return (
    <div className="lineplot-wrap">
      <div className="lineplot-tools">
        <PlotToolbar name={exportName ?? (yLabel || testId || 'plot')} canvas={() => canvas.current} csv={() => seriesToCsv(series, xLabel || 'x')} testId={testId ? `${testId}-export` : undefined} />
      </div>
      {plot}
    </div>
  );
}
