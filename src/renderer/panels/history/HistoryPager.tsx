// Paging through the catalog, newest first by default: which scans are shown, of how many.
import { HISTORY_PAGE } from '../../hooks/use-history.ts';

export function HistoryPager({ offset, total, onOffset }: { offset: number; total: number; onOffset: (offset: number) => void }) {
  return (
    <div className="row pager">
      <button disabled={offset === 0} title={offset === 0 ? 'These are the newest scans' : undefined} onClick={() => onOffset(Math.max(0, offset - HISTORY_PAGE))}>
        ← newer
      </button>
      <span data-testid="history-count">{total === 0 ? 'no scan' : `${offset + 1}–${Math.min(offset + HISTORY_PAGE, total)} of ${total}`}</span>
      <button disabled={offset + HISTORY_PAGE >= total} title={offset + HISTORY_PAGE >= total ? 'No older scans' : undefined} onClick={() => onOffset(offset + HISTORY_PAGE)}>
        older →
      </button>
    </div>
  );
}
