// The scan catalog for the History panel: one page of the search (paged and sorted on the backend, so it stays fast
// at 100,000 scans), reloaded whenever a scan finishes ('scan.finished', from this or any other client or the
// CLI), plus the actions on stored scans: fetch by uid, export to SPEC or CSV, run again. Errors go to the banner.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { HistoryQuery, ScanRow } from '../../shared/history.ts';
import { requestFromPlan } from '../../shared/scans.ts';
import { ApiError, getBridge } from '../bridge.ts';
import { useReportError } from '../errors.tsx';

export const HISTORY_PAGE = 100;

/** The History's filter fields as typed (empty = no filter). */
export interface HistoryFilter {
  plan: string;
  motor: string;
  status: string;
  sample: string;
  text: string;
  since: string;
  until: string;
}

export const NO_FILTER: HistoryFilter = { plan: '', motor: '', status: '', sample: '', text: '', since: '', until: '' };

export type HistorySort = NonNullable<HistoryQuery['sort']>;

/** The search for one page: only the filled-in fields filter. */
export function historyQuery(filter: HistoryFilter, sort: HistorySort, order: 'asc' | 'desc', offset: number): HistoryQuery {
  const q: HistoryQuery = { limit: HISTORY_PAGE, offset, sort, order };
  if (filter.plan) q.plan = filter.plan;
  if (filter.motor) q.motor = filter.motor;
  if (filter.status) q.status = filter.status as HistoryQuery['status'];
  if (filter.sample) q.sample = filter.sample;
  if (filter.text) q.text = filter.text;
  if (filter.since) q.since = filter.since;
  if (filter.until) q.until = filter.until;
  return q;
}

/** The backend's "exists" sentence names no control; here it names the History's checkbox and path field. */
function existsHint(err: unknown, file: string, spec: boolean): unknown {
  if (!(err instanceof ApiError) || err.code !== 'EXISTS') return err;
  const what = spec ? 'Tick "append to an existing SPEC file" to add the scans to it, or change' : 'Change';
  return new ApiError({ code: 'EXISTS', message: `${file} exists. ${what} the export path.` });
}

export interface History {
  page: { rows: ScanRow[]; total: number };
  /** Stored scans by uid (they may be on another page or filtered out), in scan order; undefined on an error. */
  fetchScans(uids: string[]): Promise<ScanRow[] | undefined>;
  /** Each action resolves with the sentence to show, or undefined when it failed (the banner says why). */
  exportSpec(uids: string[], file: string, append: boolean): Promise<string | undefined>;
  exportCsv(uid: string, file: string): Promise<string | undefined>;
  rerun(row: ScanRow): Promise<string | undefined>;
}

/** Whether a scan can be run again from the History (its plan maps back to a scan request). */
export function canRerun(row: ScanRow | undefined): boolean {
  return !!row && !!requestFromPlan(row.planName, row.planArgs);
}

export function useHistory(query: HistoryQuery): History {
  const report = useReportError();
  const [page, setPage] = useState<{ rows: ScanRow[]; total: number }>({ rows: [], total: 0 });
  // The query is a fresh object on every render: its text says when the search really changed.
  const key = JSON.stringify(query);
  const load = useCallback(() => {
    getBridge().api.searchHistory(JSON.parse(key) as HistoryQuery).then(setPage, report);
  }, [key, report]);
  useEffect(() => load(), [load]);
  useEffect(() => getBridge().on('scan.finished', () => load()), [load]);

  const actions = useMemo(() => {
    const api = () => getBridge().api;
    const fail = (err: unknown) => {
      report(err);
      return undefined;
    };
    return {
      fetchScans: (uids: string[]) => Promise.all(uids.map((uid) => api().getScan(uid))).then((rows) => rows.sort((a, b) => a.scanNumber - b.scanNumber), fail),
      exportSpec: (uids: string[], file: string, append: boolean) =>
        api()
          .exportSpec(uids, file, append)
          .then((r) => `${r.scans.length} scan(s) written to ${r.file} as #S ${r.scans.map((x) => x.specNumber).join(', ')}`, (err: unknown) => fail(existsHint(err, file, true))),
      exportCsv: (uid: string, file: string) =>
        api()
          .exportCsv(uid, file)
          .then((r) => `${r.rows} row(s) written to ${r.file}`, (err: unknown) => fail(existsHint(err, file, false))),
      rerun: (row: ScanRow) => {
        const req = requestFromPlan(row.planName, row.planArgs);
        if (!req) return Promise.resolve(undefined);
        return api()
          .startScan({ ...req, detectors: row.detectors, md: row.md })
          .then((r) => `Re-run started as scan ${r.scanNumber}; follow it in the Scan panel.`, fail);
      },
    };
  }, [report]);
  return { page, ...actions };
}
