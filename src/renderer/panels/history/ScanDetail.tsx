// The scan clicked in the table: its plot (or map) read from its file, a way to the Browser, and its metadata.
import { gridMap, MAX_HISTORY_MAP_CELLS } from '../../../shared/grid-map.ts';
import type { ScanRow } from '../../../shared/history.ts';
import { LinePlot } from '../../components/LinePlot.tsx';
import { useStoredScan } from '../../hooks/use-stored-scan.ts';
import { showInBrowser } from '../../navigation.ts';
import { ScanMap } from './ScanMap.tsx';

export function ScanDetail({ row }: { row: ScanRow }) {
  const cols = useStoredScan(row);
  const x = row.motors.find((m) => cols?.columns[m]);
  const y = row.detectors.find((d) => cols?.columns[d]);
  // A 2-motor grid is a map (rows put back in order for a snake).
  const map = cols && y ? gridMap(row.planName, row.planArgs, cols.columns[y]!) : undefined;
  const tooBig = !map && /grid_scan$/.test(row.planName) && (row.numPoints ?? 0) > MAX_HISTORY_MAP_CELLS;
  return (
    <div className="history-detail" data-testid="history-detail">
      <h3>
        Scan {row.scanNumber}: {row.title}
      </h3>
      {row.file && (
        <button onClick={() => showInBrowser(row.file, row.entry)} title={`Open ${row.file} in the Browser at /${row.entry}`}>
          Open in Browser
        </button>
      )}
      {map && cols && y ? (
        <ScanMap row={row} cols={cols} channel={y} map={map} />
      ) : cols && y ? (
        <LinePlot
          series={[{ label: y, x: x ? cols.columns[x]! : cols.columns[y]!.map((_, i) => i + 1), y: cols.columns[y]! }]}
          xLabel={x ? `${x} (${cols.units[x] ?? ''})` : 'point'}
          yLabel={`${y} (${cols.units[y] ?? ''})`}
          height={260}
          testId="history-plot"
        />
      ) : (
        <p className="muted">{!row.file ? 'This scan was not saved.' : cols ? 'No 0-D detector to plot here: open it in the Browser for its spectra, images or times.' : 'Reading the file…'}</p>
      )}
      {tooBig && <p className="muted">This grid has more than {MAX_HISTORY_MAP_CELLS.toLocaleString()} points: shown as a curve. Open it in the Browser for its map.</p>}
      <div className="report-grid">
        <span>uid</span>
        <span className="mono">{row.uid}</span>
        <span>status</span>
        <span>
          {row.exitStatus ?? row.status}
          {row.reason ? ` — ${row.reason}` : ''}
        </span>
        <span>file</span>
        <span className="mono">{row.file ? `${row.file}::/${row.entry}` : '—'}</span>
        <span>metadata</span>
        <span className="mono">{JSON.stringify(row.md)}</span>
      </div>
    </div>
  );
}
