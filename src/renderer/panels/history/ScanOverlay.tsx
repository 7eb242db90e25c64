// Several scans in one plot, as a scientist compares repeats of an alignment scan: each a series "#n channel"
// against its first motor (or the point index). The channel is each scan's main 0-D detector (its first with a
// column) unless one of the channels all the scans share is chosen.
import { useState } from 'react';
import type { ScanRow } from '../../../shared/history.ts';
import { LinePlot, type Series } from '../../components/LinePlot.tsx';
import { useStoredScans, type StoredColumns } from '../../hooks/use-stored-scan.ts';

/** The scan's 0-D detectors that have a column in its file, in the scan's detector order. */
function channelsOf(row: ScanRow, cols: StoredColumns): string[] {
  return row.detectors.filter((d) => cols.columns[d]);
}

/** One scan's series of channel y (its main one when y is empty), with its axis names (units included). */
function seriesOf(row: ScanRow, cols: StoredColumns, channel: string): { series: Series; xName: string; yName: string } | null {
  const y = channel || channelsOf(row, cols)[0];
  if (!y || !cols.columns[y]) return null;
  const x = row.motors.find((m) => cols.columns[m]);
  const yv = cols.columns[y]!;
  // Axis names carry the units, so two scans agree on an axis only when their units agree too.
  const named = (n: string) => (cols.units[n] ? `${n} (${cols.units[n]})` : n);
  return { series: { label: `#${row.scanNumber} ${y}`, x: x ? cols.columns[x]! : yv.map((_, i) => i + 1), y: yv }, xName: x ? named(x) : 'point', yName: named(y) };
}

/** One axis name when the scans agree on it, otherwise what the axis is. */
const same = (names: string[], fallback: string) => (new Set(names).size === 1 && names[0] ? names[0] : fallback);

export function ScanOverlay({ rows }: { rows: ScanRow[] }) {
  const loaded = useStoredScans(rows);
  const [chosen, setChosen] = useState('');
  const read = rows.flatMap((row, i) => (loaded[i] ? [{ row, cols: loaded[i], channels: channelsOf(row, loaded[i]) }] : []));
  // Only a channel every plottable scan has can be chosen: the plot then compares like with like.
  const plottable = read.filter((r) => r.channels.length > 0);
  const shared = plottable[0]?.channels.filter((c) => plottable.every((r) => r.channels.includes(c))) ?? [];
  const channel = shared.includes(chosen) ? chosen : '';
  const plotted = read.flatMap(({ row, cols }) => {
    const s = seriesOf(row, cols, channel);
    return s ? [s] : [];
  });
  const skipped = rows.filter((row, i) => loaded[i] === null || (loaded[i] && !seriesOf(row, loaded[i], channel)));
  const reading = loaded.some((l) => l === undefined);
  const xLabel = same(plotted.map((l) => l.xName), 'first motor (or point)');
  const yLabel = same(plotted.map((l) => l.yName), channel || 'main 0-D channel');
  return (
    <div className="history-detail" data-testid="history-overlay">
      <h3>Overlay of {rows.length} scans</h3>
      {shared.length > 0 && (
        <label title="The channel to plot for every scan: only channels all the plotted scans have are offered">
          channel{' '}
          <select aria-label="overlay channel" value={channel} onChange={(e) => setChosen(e.target.value)}>
            <option value="">each scan&apos;s main channel</option>
            {shared.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </label>
      )}
      {plotted.length > 0 && <LinePlot series={plotted.map((l) => l.series)} xLabel={xLabel} yLabel={yLabel} height={260} testId="history-overlay-plot" exportName="overlay" />}
      {reading && <p className="muted">Reading the files…</p>}
      {skipped.length > 0 && (
        <p className="muted" data-testid="history-overlay-skipped">
          Not plotted (no saved 0-D channel): {skipped.map((r) => `#${r.scanNumber}`).join(', ')}
        </p>
      )}
    </div>
  );
}
