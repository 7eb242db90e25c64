// A chart.js plugin that draws markers (peak, centre of mass…) as dashed vertical lines labelled at the top of
// the chart area. The markers are read from options.plugins.daqMarkers, so an update replaces them in place.
import type { Chart, Plugin } from 'chart.js';
import type { Marker } from './types.ts';

type WithMarkers = { daqMarkers?: { markers?: Marker[] } };

export const markerPlugin: Plugin<'line'> = {
  id: 'daqMarkers',
  afterDatasetsDraw(chart) {
    const markers = (chart.options.plugins as unknown as WithMarkers).daqMarkers?.markers ?? [];
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

/** Sets the markers the plugin draws on the next update. */
export function setMarkers(chart: Chart, markers: Marker[]): void {
  (chart.options.plugins as unknown as { daqMarkers: { markers: Marker[] } }).daqMarkers.markers = markers;
}
