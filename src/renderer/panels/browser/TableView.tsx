// A dataset as a paged table: 100 rows a page, the first 20 columns of a 2-D dataset (index 0 of further
// dimensions), values to 8 significant digits.
import { useState } from 'react';
import type { OpenFile } from '../../../shared/browse.ts';
import { useTablePage } from '../../hooks/use-browser-data.ts';

const PAGE = 100;
const MAX_COLUMNS = 20;

export function TableView({ file, path, shape }: { file: OpenFile; path: string; shape: number[] }) {
  const [start, setStart] = useState(0);
  const cols = shape.length >= 2 ? Math.min(shape[1]!, MAX_COLUMNS) : 1;
  const rows = useTablePage(file, path, shape, start, PAGE, cols);
  const total = shape[0] ?? 1;
  return (
    <div>
      <table className="grid small-table" data-testid="browser-table">
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              <th>{start + i}</th>
              {r.map((v, j) => (
                <td key={j} className="num">
                  {Number(v.toPrecision(8))}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <div className="row pager">
        <button disabled={start === 0} onClick={() => setStart(Math.max(0, start - PAGE))}>
          ←
        </button>
        <span>
          rows {start}–{Math.min(total, start + PAGE) - 1} of {total}
        </span>
        <button disabled={start + PAGE >= total} onClick={() => setStart(start + PAGE)}>
          →
        </button>
      </div>
    </div>
  );
}
