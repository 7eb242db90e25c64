// The live plot of a scan: one or several detector channels against the first motor over the planned x range,
// optionally divided by a monitor channel, with bluesky-style peak statistics (peak, centre of mass, half-maximum
// centre, FWHM, min, max) drawn on the plot and buttons to move the motor to the peak or the centre of mass.
// A 2-motor grid scan is shown as a map with its motors and set points on the axes instead of a line.
// The parts (channel choice, grid map, tool row, statistics) are in scan-plot/.
import { useMemo, useState } from 'react';
import type { DataKey, StartDoc } from '../../shared/documents.ts';
import { peakStats } from '../../shared/peak-stats.ts';
import { plannedXRange } from '../../shared/plot-format.ts';
import { exportCanvas, ImageView, type AxisSpec } from './ImageView.tsx';
import { LinePlot, type Marker, type Series } from './LinePlot.tsx';
import { ChannelPicker } from './scan-plot/ChannelPicker.tsx';
import { axisLabels, chooseChannels, normalise } from './scan-plot/channels.ts';
import { gridMap, type GridAxis } from './scan-plot/grid-map.ts';
import { PeakStatsBar } from './scan-plot/PeakStatsBar.tsx';

export { gridMap };

export interface ScanPlotData {
  start: StartDoc | undefined;
  dataKeys: Record<string, DataKey>;
  seq: number[];
  columns: Record<string, number[]>;
  /** Grows whenever points arrive (the arrays grow in place). */
  version: number;
}

export interface ScanPlotProps {
  live: ScanPlotData;
  /** A scan is running: moves are refused by the engine, so the move buttons are disabled. */
  running: boolean;
  /** Move a motor to a position ("move to peak / centre of mass"). Without it the buttons are hidden. */
  onMoveMotor?: (motor: string, position: number) => void;
  height?: number;
}

/** The canvas to store as the scan's screenshot: the line plot, or a grid's map enlarged to a readable size. */
export function scanPlotCanvas(): HTMLCanvasElement | null {
  return exportCanvas(document.querySelector<HTMLCanvasElement>('[data-testid="scan-plot"] canvas'));
}

export function ScanPlot({ live, running, onMoveMotor, height = 260 }: ScanPlotProps) {
  const [chosen, setChosen] = useState<string[]>(['det']);
  const [monitor, setMonitor] = useState('');
  const [logY, setLogY] = useState(false);
  const [showStats, setShowStats] = useState(true);

  const motorKeys = live.start?.motors ?? [];
  const choice = chooseChannels(live.columns, motorKeys, chosen, monitor);
  const { ys, mon, xKey } = choice;
  const unit = (k: string) => live.dataKeys[k]?.units ?? '';
  const { xLabel, yLabel } = axisLabels(choice, unit);

  const series = useMemo<Series[]>(
    () => ys.map((k) => ({ label: mon ? `${k} / ${mon}` : k, x: xKey ? live.columns[xKey] ?? [] : live.seq, y: normalise(live.columns[k] ?? [], mon ? live.columns[mon] : undefined) })),
    [live.version, ys.join('\n'), mon, xKey], // live columns grow in place; version says when
  );
  const xRange = useMemo(() => (live.start && xKey ? plannedXRange(live.start.plan_name, live.start.plan_args, live.columns[xKey]?.[0]) : undefined), [live.start, xKey, live.version]);
  const first = series[0];
  const stats = useMemo(() => (first && xKey ? peakStats(first.x, first.y) : undefined), [first, xKey]);
  const markers = useMemo<Marker[]>(() => {
    if (!stats || !showStats) return [];
    const m: Marker[] = [{ x: stats.max[0], label: 'peak', color: '#e03131' }];
    if (stats.com !== undefined) m.push({ x: stats.com, label: 'com', color: '#2f9e44' });
    if (stats.cen !== undefined) m.push({ x: stats.cen, label: 'cen', color: '#ae3ec9' });
    return m;
  }, [stats, showStats]);
  const grid = useMemo(() => (first ? gridMap(live.start, live.columns, first.y) : undefined), [first, live.start]);

  const scanName = live.start ? `scan-${live.start.scan_number}` : 'scan';
  const gridAxis = (g: GridAxis, off: number): AxisSpec => ({ label: `${g.motor}${unit(g.motor) ? ` (${unit(g.motor)})` : ''}`, start: g.start + off, stop: g.stop + off });

  return (
    <div className="scan-plot">
      <ChannelPicker choice={choice} onChoose={setChosen} onMonitor={setMonitor} grid={grid !== undefined} logY={logY} onLogY={setLogY} showStats={showStats} onShowStats={setShowStats} start={live.start} />
      {grid ? (
        <div data-testid="scan-plot" data-points={live.seq.length}>
          <ImageView
            data={grid.data}
            width={grid.w}
            height={grid.h}
            title={`${first!.label} on the grid`}
            size={Math.max(200, height)}
            testId="scan-grid-image"
            xAxis={gridAxis(grid.cols, grid.offsets[1])}
            yAxis={gridAxis(grid.rows, grid.offsets[0])}
            exportName={`${scanName}-${first!.label}-map`}
          />
        </div>
      ) : (
        <LinePlot series={series} xLabel={xLabel} yLabel={yLabel} logY={logY} height={height} testId="scan-plot" xRange={xRange} markers={markers} exportName={`${scanName}-${ys.join('-')}`} />
      )}
      {/* With several motors the peak is a point on a path: moving only the first motor would not go there. */}
      {!grid && showStats && stats && xKey && first && <PeakStatsBar stats={stats} channel={first.label} motor={xKey} running={running} onMoveMotor={motorKeys.length === 1 ? onMoveMotor : undefined} />}
    </div>
  );
}
