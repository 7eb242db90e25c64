// Owns the chart.js chart of a line plot: created once with the canvas, destroyed with it, and updated in place
// (no animation) whenever the series, labels, scales, x range or markers change.
import { useEffect, useRef, type RefObject } from 'react';
import type { Chart } from 'chart.js';
import { createLineChart, setSeries, shownRange } from './chart.ts';
import { setMarkers } from './markers.ts';
import type { Marker, Series } from './types.ts';

export interface LineChartInput {
  series: Series[];
  xLabel?: string;
  yLabel?: string;
  logX: boolean;
  logY: boolean;
  /** The zoomed x range, if any. */
  zoom: [number, number] | undefined;
  /** The x range to show when not zoomed. */
  xRange?: [number, number];
  markers?: Marker[];
}

export function useLineChart(canvas: RefObject<HTMLCanvasElement | null>, { series, xLabel, yLabel, logX, logY, zoom, xRange, markers }: LineChartInput): RefObject<Chart | undefined> {
  const chart = useRef<Chart | undefined>(undefined);

  useEffect(() => {
    if (!canvas.current) return;
    chart.current = createLineChart(canvas.current);
    return () => chart.current?.destroy();
  }, [canvas]);

  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    setSeries(c, series);
    const x = c.options.scales!.x!;
    const y = c.options.scales!.y!;
    x.type = logX ? 'logarithmic' : 'linear';
    y.type = logY ? 'logarithmic' : 'linear';
    (x as { title: { text: string } }).title.text = xLabel ?? '';
    (y as { title: { text: string } }).title.text = yLabel ?? '';
    const shown = shownRange(series, zoom, xRange, logX);
    x.min = shown?.[0];
    x.max = shown?.[1];
    setMarkers(c, markers ?? []);
    c.update('none');
    // The shown x range, for tests and tools that read the DOM (set directly: no re-render per frame).
    const el = canvas.current?.parentElement;
    if (el) {
      el.dataset.xmin = String(c.scales.x?.min ?? '');
      el.dataset.xmax = String(c.scales.x?.max ?? '');
    }
  }, [canvas, series, xLabel, yLabel, logY, logX, zoom, xRange, markers]);

  return chart;
}
