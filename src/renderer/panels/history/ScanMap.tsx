// A 2-motor grid scan drawn as its map (snake rows put back in order), as silx shows the file's plotselect, with
// the motors' names and set points on the axes like the Scan panel's live map (ImageView's axes).
import type { GridMap } from '../../../shared/grid-map.ts';
import { gridAxes } from '../../../shared/grid-map.ts';
import type { ScanRow } from '../../../shared/history.ts';
import { ImageView, type AxisSpec } from '../../components/ImageView.tsx';
import type { StoredColumns } from '../../hooks/use-stored-scan.ts';

export function ScanMap({ row, cols, channel, map }: { row: ScanRow; cols: StoredColumns; channel: string; map: GridMap }) {
  const axes = gridAxes(row.planName, row.planArgs, cols.columns);
  const axis = (a: { motor: string; start: number; stop: number }): AxisSpec => ({ label: cols.units[a.motor] ? `${a.motor} (${cols.units[a.motor]})` : a.motor, start: a.start, stop: a.stop });
  return (
    <div data-testid="history-map" data-rows={map.rows} data-cols={map.cols}>
      <ImageView
        data={map.data}
        width={map.cols}
        height={map.rows}
        title={`${channel} on ${map.slow} (rows) × ${map.fast} (columns)`}
        units={cols.units[channel] ?? ''}
        size={260}
        testId="history-map-image"
        yAxis={axes && axis(axes[0])}
        xAxis={axes && axis(axes[1])}
      />
    </div>
  );
}
