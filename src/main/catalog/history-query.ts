// The History's search as SQL: each filter of a HistoryQuery (time range, plan, status, sample, title text,
// motor, detector, metadata values) becomes a parameterised condition; the sort keys map to columns.
import { DaqError } from '../../shared/errors.ts';
import type { HistoryQuery } from '../../shared/history.ts';

/** Epoch seconds from a number or an ISO 8601 text; a sentence that says how to write it otherwise. */
export function parseTime(v: number | string, what: string): number {
  if (typeof v === 'number') return v;
  const t = Date.parse(v);
  if (!/^\d{4}-\d\d-\d\d/.test(v) || Number.isNaN(t)) {
    throw new DaqError('BAD_ARGUMENTS', `${what}: "${v}" is not a date. Write it as ISO 8601, e.g. 2026-11-17 or 2026-11-17T14:30 (local time).`);
  }
  return t / 1000;
}

const SORT: Record<NonNullable<HistoryQuery['sort']>, string> = {
  scanNumber: 'scan_number',
  startTime: 'start_time',
  planName: 'plan_name',
  numPoints: 'num_points',
  duration: '(COALESCE(end_time, start_time) - start_time)',
  sample: 'sample',
};

/** The WHERE clause (empty without filters) and its parameters. */
export function historyFilter(q: HistoryQuery): { where: string; args: unknown[] } {
  const where: string[] = [];
  const args: unknown[] = [];
  if (q.since !== undefined) {
    where.push('start_time >= ?');
    args.push(parseTime(q.since, 'since'));
  }
  if (q.until !== undefined) {
    where.push('start_time < ?');
    args.push(parseTime(q.until, 'until'));
  }
  if (q.plan) {
    where.push('plan_name = ?');
    args.push(q.plan);
  }
  if (q.status === 'running') where.push("status = 'running'");
  else if (q.status) {
    where.push('exit_status = ?');
    args.push(q.status);
  }
  // Sample and text match as a user types them: a case-insensitive substring (SQLite's LIKE folds ASCII case),
  // and the text is looked for in the title and in the comment.
  const like = (t: string) => `%${t.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
  if (q.sample) {
    where.push("sample LIKE ? ESCAPE '\\'");
    args.push(like(q.sample));
  }
  if (q.text) {
    where.push("(title LIKE ? ESCAPE '\\' OR json_extract(md, '$.comment') LIKE ? ESCAPE '\\')");
    args.push(like(q.text), like(q.text));
  }
  if (q.motor) {
    where.push("uid IN (SELECT uid FROM scan_devices WHERE device = ? AND role = 'motor')");
    args.push(q.motor);
  }
  if (q.detector) {
    where.push("uid IN (SELECT uid FROM scan_devices WHERE device = ? AND role = 'detector')");
    args.push(q.detector);
  }
  for (const [k, v] of Object.entries(q.md ?? {})) {
    where.push('json_extract(md, ?) = ?');
    args.push('$.' + k.split('.').map((p) => `"${p}"`).join('.'), typeof v === 'boolean' ? (v ? 1 : 0) : v);
  }
  return { where: where.length ? `WHERE ${where.join(' AND ')}` : '', args };
}

/** ORDER BY: the chosen key, then the scan number the same way (a stable order for equal keys). */
export function historyOrder(q: HistoryQuery): string {
  const dir = q.order === 'asc' ? 'ASC' : 'DESC';
  return `${SORT[q.sort ?? 'startTime']} ${dir}, scan_number ${dir}`;
}
