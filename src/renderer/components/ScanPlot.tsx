// The live plot of a scan: one or several detector channels against the first motor over the planned x range,
// optionally divided by a monitor channel, with bluesky-style peak statistics (peak, centre of mass, half-maximum
// centre, FWHM, min, max) drawn on the plot and buttons to move the motor to the peak or the centre of mass.
// A 2-motor grid scan is shown as a map with its motors and set points on the axes instead of a line.
import { useMemo, useState } from 'react';
import type { DataKey, StartDoc } from '../../shared/documents.ts';
import { peakStats } from '../../shared/peak-stats.ts';
import { formatValue, plannedXRange } from '../../shared/plot-format.ts';
import { gridMap as pointsOnGrid } from '../../shared/grid-map.ts';
import { exportCanvas, ImageView, type AxisSpec } from './ImageView.tsx';
import { LinePlot, type Marker, type Series } from './LinePlot.tsx';

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

interface GridAxis {
  motor: string;
  start: number;
  stop: number;
  points: number;
}

/**
 * A 2-motor grid's channel values on its map (shared/grid-map.ts: point order, snake rows put back), with the
 * plan's axes for the ticks. Cells not measured yet are drawn at the minimum so the colour scale stays the data's.
 */
export function gridMap(start: StartDoc | undefined, columns: Record<string, number[]>, values: ArrayLike<number>): { data: Float64Array; w: number; h: number; rows: GridAxis; cols: GridAxis; offsets: [number, number] } | undefined {
  if (!start || start.motors.length !== 2) return undefined;
  const map = pointsOnGrid(start.plan_name, start.plan_args, Array.from(values));
  if (!map) return undefined;
  const [a, b] = start.plan_args.axes as [GridAxis, GridAxis];
  // Relative grids are offset from where the motors were: the axes show absolute positions.
  const rel = start.plan_name.startsWith('rel_');
  const m0 = columns[start.motors[0]!];
  const m1 = columns[start.motors[1]!];
  const off0 = rel && m0?.length ? m0[0]! - a.start : 0;
  const off1 = rel && m1?.length ? m1[0]! - b.start : 0;
  let min = Infinity;
  for (const v of map.data) if (v < min) min = v;
  for (let i = 0; i < map.data.length; i++) if (Number.isNaN(map.data[i]!)) map.data[i] = Number.isFinite(min) ? min : 0;
  return { data: map.data, w: map.cols, h: map.rows, rows: a, cols: b, offsets: [off0, off1] };
}

/** The canvas to store as the scan's screenshot: the line plot, or a grid's map enlarged to a readable size. */
export function scanPlotCanvas(): HTMLCanvasElement | null {
  return exportCanvas(document.querySelector<HTMLCanvasElement>('[data-testid="scan-plot"] canvas'));
}

/** y / monitor point by point (NaN where the monitor is zero). */
function normalise(y: number[], monitor: number[] | undefined): number[] {
  if (!monitor) return y;
  const n = Math.min(y.length, monitor.length);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = monitor[i] !== 0 ? y[i]! / monitor[i]! : NaN;
  return out;
}

export function ScanPlot({ live, running, onMoveMotor, height = 260 }: ScanPlotProps) {
  const [chosen, setChosen] = useState<string[]>(['det']);
  const [monitor, setMonitor] = useState('');
  const [logY, setLogY] = useState(false);
  const [showStats, setShowStats] = useState(true);

  const motorKeys = live.start?.motors ?? [];
  const channels = Object.keys(live.columns).filter((k) => !motorKeys.includes(k));
  const ys = chosen.filter((k) => channels.includes(k));
  if (ys.length === 0 && channels.length > 0) ys.push(channels[0]!);
  const mon = channels.includes(monitor) ? monitor : '';
  const xKey = motorKeys[0];
  const unit = (k: string) => live.dataKeys[k]?.units ?? '';
  const yLabel = ys.length === 1 ? `${ys[0]}${mon ? ` / ${mon}` : ''}${!mon && unit(ys[0]!) ? ` (${unit(ys[0]!)})` : ''}` : mon ? `channel / ${mon}` : 'channels';
  const xLabel = xKey ? `${xKey}${unit(xKey) ? ` (${unit(xKey)})` : ''}` : 'point';

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
      <div className="plot-tools channel-list" role="group" aria-label="plotted channels">
        <span>y</span>
        {channels.map((k) => (
          <label key={k}>
            <input
              type="checkbox"
              aria-label={`y ${k}`}
              checked={ys.includes(k)}
              onChange={(e) => setChosen(e.target.checked ? [...ys, k] : ys.filter((c) => c !== k))}
            />{' '}
            {k}
          </label>
        ))}
        <label title="Divide every plotted channel by this channel, point by point (e.g. the incident-beam monitor)">
          ÷ monitor{' '}
          <select aria-label="normalise by" value={mon} onChange={(e) => setMonitor(e.target.value)}>
            <option value="">none</option>
            {channels.map((k) => (
              <option key={k}>{k}</option>
            ))}
          </select>
        </label>
        {!grid && (
          <label>
            <input type="checkbox" checked={logY} onChange={(e) => setLogY(e.target.checked)} /> log scale
          </label>
        )}
        {!grid && xKey && (
          <label title="Peak statistics as bluesky's PeakStats computes them, for the first plotted channel">
            <input type="checkbox" checked={showStats} onChange={(e) => setShowStats(e.target.checked)} /> peak stats
          </label>
        )}
        {live.start && <span className="muted">scan {live.start.scan_number}: {live.start.title}</span>}
      </div>
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
      {!grid && showStats && stats && xKey && first && (
        <div className="peak-stats" data-testid="peak-stats" aria-label={`peak statistics of ${first.label}`}>
          <span>
            peak <b data-stat="peak">{formatValue(stats.max[0])}</b> ({formatValue(stats.max[1])})
          </span>
          <span>
            com <b data-stat="com">{formatValue(stats.com)}</b>
          </span>
          <span>
            cen <b data-stat="cen">{formatValue(stats.cen)}</b>
          </span>
          <span>
            FWHM <b data-stat="fwhm">{formatValue(stats.fwhm)}</b>
          </span>
          <span>
            min <b data-stat="min">{formatValue(stats.min[1])}</b> at {formatValue(stats.min[0])}
          </span>
          <span>
            max <b data-stat="max">{formatValue(stats.max[1])}</b>
          </span>
          {/* With several motors the peak is a point on a path: moving only the first motor would not go there. */}
          {onMoveMotor && motorKeys.length === 1 && (
            <>
              <button type="button" disabled={running} title={running ? 'Wait until the scan ends' : `Move ${xKey} to ${formatValue(stats.max[0])}`} onClick={() => onMoveMotor(xKey, stats.max[0])}>
                {xKey} → peak
              </button>
              <button
                type="button"
                disabled={running || stats.com === undefined}
                title={running ? 'Wait until the scan ends' : stats.com === undefined ? 'The channel is flat: no centre of mass' : `Move ${xKey} to ${formatValue(stats.com)}`}
                onClick={() => stats.com !== undefined && onMoveMotor(xKey, stats.com)}
              >
                {xKey} → com
              </button>
            </>
          )}
        </div>
      )}
    </div>
  );
}
