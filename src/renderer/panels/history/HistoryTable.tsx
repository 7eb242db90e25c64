// The scans table: one page of the catalog, sortable by clicking a column header. A click on a row shows that
// scan; the checkbox ticks it for export or overlay (a row merely looked at is not ticked).
import type { ScanRow } from '../../../shared/history.ts';
import type { HistorySort } from '../../hooks/use-history.ts';
import { duration, STATUS_LABEL } from './format.ts';

export interface HistoryTableProps {
  rows: ScanRow[];
  total: number;
  sort: HistorySort;
  order: 'asc' | 'desc';
  /** A header clicked: the same column flips the order, another sorts by it (newest/largest first). */
  onSort: (key: HistorySort) => void;
  current: ScanRow | undefined;
  onOpen: (row: ScanRow) => void;
  ticked: ReadonlySet<string>;
  onTick: (uid: string, ticked: boolean) => void;
}

export function HistoryTable({ rows, total, sort, order, onSort, current, onOpen, ticked, onTick }: HistoryTableProps) {
  const header = (key: HistorySort, label: string) => (
    <th className="sortable" aria-sort={sort === key ? (order === 'asc' ? 'ascending' : 'descending') : 'none'} onClick={() => onSort(key)}>
      {label} {sort === key ? (order === 'asc' ? '▲' : '▼') : ''}
    </th>
  );
  return (
    <table className="grid history-table" data-testid="history-table" data-total={total}>
      <thead>
        <tr>
          <th />
          <th title="status">st</th>
          {header('scanNumber', '#')}
          {header('planName', 'plan')}
          <th>motors</th>
          {header('numPoints', 'points')}
          {header('startTime', 'start')}
          {header('duration', 'duration')}
          {header('sample', 'sample')}
          <th>file</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const status = r.exitStatus ?? r.status;
          return (
            <tr key={r.uid} className={current?.uid === r.uid ? 'selected' : ''} onClick={() => onOpen(r)} data-testid={`history-row-${r.scanNumber}`}>
              <td onClick={(e) => e.stopPropagation()}>
                <input type="checkbox" aria-label={`select scan ${r.scanNumber}`} checked={ticked.has(r.uid)} onChange={(e) => onTick(r.uid, e.target.checked)} />
              </td>
              <td className={`status-${status}`} title={STATUS_LABEL[status]}>
                <span className={`st-icon st-${status}`} role="img" aria-label={STATUS_LABEL[status]} data-testid={`status-${r.scanNumber}`} />
              </td>
              <td className="num">{r.scanNumber}</td>
              <td>{r.planName}</td>
              <td>{r.motors.join(', ') || '—'}</td>
              <td className="num">{r.numPoints ?? ''}</td>
              <td>{new Date(r.startTime * 1000).toLocaleString()}</td>
              <td className="num">{duration(r)}</td>
              <td>{r.sample || '—'}</td>
              <td className="mono file-cell" title={r.file}>
                {r.file.split(/[\\/]/).pop()}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
