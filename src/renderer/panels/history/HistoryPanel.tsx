// History panel: every past scan, sortable and filterable, paged on the backend so it stays fast at 100,000 scans.
// Selecting a scan shows its plot and metadata; scans can be exported to SPEC (one or many) or CSV, run again with
// the same parameters, or overlaid. This file only holds the panel's state and composes its parts; the bridge
// calls are in hooks/use-history.ts and hooks/use-stored-scan.ts.
import { useEffect, useState } from 'react';
import type { ScanRow } from '../../../shared/history.ts';
import { historyQuery, NO_FILTER, useHistory, type HistoryFilter, type HistorySort } from '../../hooks/use-history.ts';
import { takeRequest } from '../../navigation.ts';
import { SplitPane } from '../SplitPane.tsx';
import type { PanelProps } from '../types.ts';
import { ExportBlock } from './ExportBlock.tsx';
import { HistoryFilters } from './HistoryFilters.tsx';
import { HistoryPager } from './HistoryPager.tsx';
import { HistoryTable } from './HistoryTable.tsx';
import { ScanDetail } from './ScanDetail.tsx';
import { ScanOverlay } from './ScanOverlay.tsx';

export function HistoryPanel(_props: PanelProps) {
  const [filter, setFilter] = useState<HistoryFilter>(NO_FILTER);
  const [sort, setSort] = useState<HistorySort>('startTime');
  const [order, setOrder] = useState<'asc' | 'desc'>('desc');
  const [offset, setOffset] = useState(0);
  const [ticked, setTicked] = useState<ReadonlySet<string>>(new Set());
  const [current, setCurrent] = useState<ScanRow | undefined>();
  const [overlay, setOverlay] = useState<ScanRow[] | undefined>();
  const history = useHistory(historyQuery(filter, sort, order, offset));
  const { fetchScans } = history;

  // The Scan panel's "Show in History" names the scan to select.
  useEffect(() => {
    const uid = takeRequest('daq.history-select');
    if (uid) void fetchScans([uid]).then((rows) => rows?.[0] && setCurrent(rows[0]));
  }, [fetchScans]);

  const onSort = (key: HistorySort) => {
    if (sort === key) setOrder(order === 'asc' ? 'desc' : 'asc');
    else {
      setSort(key);
      setOrder('desc');
    }
    setOffset(0);
  };
  const onFilter = (key: keyof HistoryFilter, value: string) => {
    setFilter((f) => ({ ...f, [key]: value }));
    setOffset(0);
  };
  const onTick = (uid: string, on: boolean) =>
    setTicked((prev) => {
      const next = new Set(prev);
      if (on) next.add(uid);
      else next.delete(uid);
      return next;
    });
  const chosen = [...ticked];
  // The ticked scans may be on another page or filtered out: each is fetched by uid, in scan order.
  const onOverlay = () => void fetchScans(chosen).then((rows) => rows && setOverlay(rows));

  return (
    <div className="history">
      <HistoryFilters filter={filter} onChange={onFilter} />
      <div className="history-body">
        <SplitPane
          id="history"
          sideFraction={0.42}
          minSide={320}
          minMain={360}
          main={
            <div className="history-table-wrap">
              <HistoryTable
                rows={history.page.rows}
                total={history.page.total}
                sort={sort}
                order={order}
                onSort={onSort}
                current={current}
                onOpen={(r) => {
                  setOverlay(undefined);
                  setCurrent(r);
                }}
                ticked={ticked}
                onTick={onTick}
              />
              <HistoryPager offset={offset} total={history.page.total} onOffset={setOffset} />
            </div>
          }
          side={
            <aside className="history-side">
              <ExportBlock chosen={chosen} current={current} history={history} onOverlay={onOverlay} />
              {overlay ? <ScanOverlay rows={overlay} /> : current ? <ScanDetail row={current} /> : <p className="muted">Click a scan to see its plot and metadata; tick scans to export them.</p>}
            </aside>
          }
        />
      </div>
    </div>
  );
}
