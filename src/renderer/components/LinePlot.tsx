// Line plot on chart.js for live scans and the browser: several series over one x axis, linear or log y,
// drag on the plot to zoom into an x range, double-click to reset. Updates replace the data in place and redraw
// without animation, so a live plot can be refreshed at the UI's frame rate.
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
} from 'chart.js';
import { useEffect, useRef, useState } from 'react';

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
}

const PALETTE = ['#1f6feb', '#d9480f', '#2f9e44', '#ae3ec9', '#f59f00', '#0c8599', '#e03131', '#5c940d'];

function toPoints(s: Series): { x: number; y: number }[] {
  const n = Math.min(s.x.length, s.y.length);
  const pts = new Array<{ x: number; y: number }>(n);
  for (let i = 0; i < n; i++) pts[i] = { x: s.x[i]!, y: s.y[i]! };
  return pts;
}

export function LinePlot({ series, xLabel, yLabel, logY = false, logX = false, height = 320, testId, onZoom }: LinePlotProps) {
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
          x: { type: 'linear', title: { display: true, text: '' } },
          y: { type: 'linear', title: { display: true, text: '' } },
        },
        plugins: { legend: { display: true, position: 'top' }, tooltip: { enabled: true } },
        elements: { point: { radius: 2 }, line: { borderWidth: 1.5 } },
      },
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
    x.min = range?.[0];
    x.max = range?.[1];
    c.update('none');
  }, [series, xLabel, yLabel, logY, logX, range]);

  const valueAt = (e: React.MouseEvent) => {
    const c = chart.current;
    if (!c) return undefined;
    const rect = canvas.current!.getBoundingClientRect();
    return c.scales.x!.getValueForPixel(e.clientX - rect.left);
  };

  return (
    <div
      className="lineplot"
      style={{ height }}
      data-testid={testId}
      data-points={series.reduce((n, s) => n + Math.min(s.x.length, s.y.length), 0)}
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
}
