// Line plot on chart.js for live scans and the browser: several series over one x axis, linear or log y,
// drag on the plot to zoom into an x range, double-click to reset. Updates replace the data in place and redraw
// without animation, so a live plot can be refreshed at the UI's frame rate. The x axis spans exactly the data
// (or the range a caller plans, e.g. a scan's start…stop), never chart.js's rounded-up "nice" bounds; tick labels
// carry only the digits their step needs; vertical markers (peak statistics) and PNG/CSV export are built in.
// The chart.js parts (options, datasets, ticks, markers) are in line-plot/.
import { useRef, useState } from 'react';
import { seriesToCsv } from '../../shared/plot-format.ts';
import type { Marker, Series } from './line-plot/types.ts';
import { useLineChart } from './line-plot/use-line-chart.ts';
import { PlotToolbar } from './PlotToolbar.tsx';
import './plot-tools.css';

export type { Marker, Series };

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

export function LinePlot({ series, xLabel, yLabel, logY = false, logX = false, height = 320, testId, onZoom, xRange, markers, exportName, exportable = true }: LinePlotProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [range, setRange] = useState<[number, number] | undefined>();
  const chart = useLineChart(canvas, { series, xLabel, yLabel, logX, logY, zoom: range, xRange, markers });
  const dragFrom = useRef<number | undefined>(undefined);

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
