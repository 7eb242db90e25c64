// The chart.js side of the line plot: which chart.js parts are registered, the chart's fixed options (no
// animation, no parsing, so a live plot can be refreshed at the UI's frame rate), the datasets built from the
// series, and the x range shown when not zoomed.
import { Chart, Legend, LinearScale, LineController, LineElement, LogarithmicScale, PointElement, ScatterController, Tooltip, type ChartConfiguration } from 'chart.js';
import { extent } from '../../../shared/plot-format.ts';
import { markerPlugin } from './markers.ts';
import { tickLabel } from './ticks.ts';
import type { Series } from './types.ts';

Chart.register(LineController, ScatterController, LineElement, PointElement, LinearScale, LogarithmicScale, Tooltip, Legend);

type Point = { x: number; y: number };
type Dataset = { label: string; data: Point[]; src?: Series };

const PALETTE = ['#1f6feb', '#d9480f', '#2f9e44', '#ae3ec9', '#f59f00', '#0c8599', '#e03131', '#5c940d'];

export function createLineChart(canvas: HTMLCanvasElement): Chart {
  const config: ChartConfiguration<'line', Point[]> = {
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
        // min and max are set to the data (or planned) range on update; the labels stay on round values inside it
        // (an end label 511 squeezed beside 500 would overlap).
        x: { type: 'linear', title: { display: true, text: '' }, ticks: { callback: tickLabel, includeBounds: false } },
        y: { type: 'linear', title: { display: true, text: '' }, ticks: { callback: tickLabel } },
      },
      plugins: { legend: { display: true, position: 'top' }, tooltip: { enabled: true }, ...({ daqMarkers: { markers: [] } } as object) },
      elements: { point: { radius: 2 }, line: { borderWidth: 1.5 } },
    },
    plugins: [markerPlugin],
  };
  return new Chart(canvas, config);
}

function toPoints(s: Series): Point[] {
  const n = Math.min(s.x.length, s.y.length);
  const pts = new Array<Point>(n);
  for (let i = 0; i < n; i++) pts[i] = { x: s.x[i]!, y: s.y[i]! };
  return pts;
}

/** Replaces the chart's datasets with the series. */
export function setSeries(c: Chart, series: Series[]): void {
  // A live series grows: when a dataset keeps its label and its source arrays and only gets longer, append the
  // new points instead of rebuilding all of them every frame.
  const previous = c.data.datasets as unknown as Dataset[];
  c.data.datasets = series.map((s, i) => {
    const old = previous[i];
    const n = Math.min(s.x.length, s.y.length);
    let data: Point[];
    if (old && old.label === s.label && old.src && old.src.x === s.x && old.src.y === s.y && old.data.length <= n) {
      data = old.data;
      for (let k = data.length; k < n; k++) data.push({ x: s.x[k]!, y: s.y[k]! });
    } else data = toPoints(s);
    return { label: s.label, data, src: s, borderColor: PALETTE[i % PALETTE.length], backgroundColor: PALETTE[i % PALETTE.length], pointRadius: n > 2000 ? 0 : 2 };
  }) as never;
}

/** The x range to show: the zoom, else the planned range, else exactly the data (chart.js would round up to a
 * nice tick); undefined leaves it to chart.js (a log x axis). */
export function shownRange(series: Series[], zoom: [number, number] | undefined, planned: [number, number] | undefined, logX: boolean): [number, number] | undefined {
  const shown = zoom ?? planned;
  if (shown || logX) return shown;
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of series) {
    const e = extent(s.x);
    if (e) [lo, hi] = [Math.min(lo, e[0]), Math.max(hi, e[1])];
  }
  return hi > lo ? [lo, hi] : undefined;
}
