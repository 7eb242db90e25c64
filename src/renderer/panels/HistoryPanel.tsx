// History panel: every past scan, sortable and filterable, paged on the backend so it stays fast at 100,000 scans.
// Selecting a scan shows its plot and metadata; scans can be exported to SPEC (one or many) or CSV, and run again
// with the same parameters.
import { useCallback, useEffect, useState } from 'react';
import { gridMap, MAX_HISTORY_MAP_CELLS } from '../../shared/grid-map.ts';
import type { HistoryQuery, ScanRow } from '../../shared/history.ts';
import { requestFromPlan } from '../../shared/scans.ts';
import { ApiError, getBridge } from '../bridge.ts';
import { ImageView } from '../components/ImageView.tsx';
import { LinePlot, type Series } from '../components/LinePlot.tsx';
import { useReportError } from '../errors.tsx';
import { showInBrowser, takeRequest } from '../navigation.ts';
import { SplitPane } from './SplitPane.tsx';
import type { PanelProps } from './types.ts';

const PAGE = 100;
// Status marks drawn with CSS (a glyph like ⏹ is missing from common Linux fonts and shows as an empty box).
const STATUS_LABEL: Record<string, string> = { success: 'success', abort: 'aborted', fail: 'failed', running: 'running' };
type Sort = NonNullable<HistoryQuery['sort']>;

/** The backend's "exists" sentence names no control; here it names this panel's checkbox and path field. */
function existsHint(err: unknown, file: string, spec: boolean): unknown {
  if (!(err instanceof ApiError) || err.code !== 'EXISTS') return err;
  const what = spec ? 'Tick "append to an existing SPEC file" to add the scans to it, or change' : 'Change';
  return new ApiError({ code: 'EXISTS', message: `${file} exists. ${what} the export path.` });
}

function duration(r: ScanRow): string {
  if (!r.endTime) return '—';
  const s = r.endTime - r.startTime;
  return s < 60 ? `${s.toFixed(1)} s` : `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}

function Detail({ row }: { row: ScanRow }) {
  const report = useReportError();
  const [cols, setCols] = useState<{ columns: Record<string, number[]>; epoch: number[]; units: Record<string, string> } | undefined>();
  useEffect(() => {
    setCols(undefined);
    if (row.file) getBridge().api.readScanColumns(row.uid).then(setCols, report);
  }, [row, report]);
  const x = row.motors.find((m) => cols?.columns[m]);
  const y = row.detectors.find((d) => cols?.columns[d]);
  // A 2-motor grid is a map (rows put back in order for a snake), as silx shows the file's plotselect.
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
      {map ? (
        <div data-testid="history-map" data-rows={map.rows} data-cols={map.cols}>
          <ImageView data={map.data} width={map.cols} height={map.rows} title={`${y} on ${map.slow} (rows) × ${map.fast} (columns)`} units={cols!.units[y!] ?? ''} size={260} testId="history-map-image" />
        </div>
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

/** The scans' columns as they load, one slot per scan (undefined while reading, null when it has no 0-D channel). */
interface OverlaySeries {
  row: ScanRow;
  series?: Series | null;
  xName?: string;
  yName?: string;
}

/** A scan's main 0-D channel (its first detector with a column) against its first motor (or the point index). */
function mainSeries(row: ScanRow, cols: { columns: Record<string, number[]>; units: Record<string, string> }): { series: Series; xName?: string; yName: string } | null {
  const y = row.detectors.find((d) => cols.columns[d]);
  if (!y) return null;
  const x = row.motors.find((m) => cols.columns[m]);
  const yv = cols.columns[y]!;
  // Axis names carry the units, so two scans agree on an axis only when their units agree too.
  const named = (n: string) => (cols.units[n] ? `${n} (${cols.units[n]})` : n);
  return { series: { label: `#${row.scanNumber} ${y}`, x: x ? cols.columns[x]! : yv.map((_, i) => i + 1), y: yv }, xName: x ? named(x) : 'point', yName: named(y) };
}

/** Several scans in one plot, as a scientist compares repeats of an alignment scan: each a series "#n detector". */
function Overlay({ rows }: { rows: ScanRow[] }) {
  const report = useReportError();
  const [loaded, setLoaded] = useState<OverlaySeries[]>([]);
  useEffect(() => {
    let live = true;
    setLoaded(rows.map((row) => ({ row })));
    rows.forEach((row, i) => {
      const done = (s: OverlaySeries) => live && setLoaded((prev) => prev.map((p, j) => (j === i ? s : p)));
      if (!row.file) return done({ row, series: null });
      getBridge()
        .api.readScanColumns(row.uid)
        .then((cols) => {
          const m = mainSeries(row, cols);
          done(m ? { row, series: m.series, xName: m.xName, yName: m.yName } : { row, series: null });
        }, (err: unknown) => {
          done({ row, series: null });
          report(err);
        });
    });
    return () => {
      live = false;
    };
  }, [rows, report]);
  const plotted = loaded.filter((l) => l.series);
  const skipped = loaded.filter((l) => l.series === null);
  const reading = loaded.some((l) => l.series === undefined);
  // One axis name when the scans agree on it, otherwise say what the axis is.
  const same = (names: (string | undefined)[], fallback: string) => (new Set(names).size === 1 && names[0] ? names[0] : fallback);
  const xLabel = same(plotted.map((l) => l.xName), 'first motor (or point)');
  const yLabel = same(plotted.map((l) => l.yName), 'main 0-D channel');
  return (
    <div className="history-detail" data-testid="history-overlay">
      <h3>Overlay of {rows.length} scans</h3>
      {plotted.length > 0 && (
        <LinePlot series={plotted.map((l) => l.series!)} xLabel={xLabel} yLabel={yLabel} height={260} testId="history-overlay-plot" exportName="overlay" />
      )}
      {reading && <p className="muted">Reading the files…</p>}
      {skipped.length > 0 && (
        <p className="muted" data-testid="history-overlay-skipped">
          Not plotted (no saved 0-D channel): {skipped.map((l) => `#${l.row.scanNumber}`).join(', ')}
        </p>
      )}
    </div>
  );
}

export function HistoryPanel(_props: PanelProps) {
  const report = useReportError();
  const [filter, setFilter] = useState<{ plan: string; motor: string; status: string; sample: string; text: string; since: string; until: string }>({ plan: '', motor: '', status: '', sample: '', text: '', since: '', until: '' });
  const [sort, setSort] = useState<Sort>('startTime');
  const [order, setOrder] = useState<'asc' | 'desc'>('desc');
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<{ rows: ScanRow[]; total: number }>({ rows: [], total: 0 });
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [current, setCurrent] = useState<ScanRow | undefined>();
  const [specPath, setSpecPath] = useState('');
  const [append, setAppend] = useState(true);
  const [message, setMessage] = useState('');
  const [overlay, setOverlay] = useState<ScanRow[] | undefined>();

  const load = useCallback(() => {
    const q: HistoryQuery = { limit: PAGE, offset, sort, order };
    if (filter.plan) q.plan = filter.plan;
    if (filter.motor) q.motor = filter.motor;
    if (filter.status) q.status = filter.status as HistoryQuery['status'];
    if (filter.sample) q.sample = filter.sample;
    if (filter.text) q.text = filter.text;
    if (filter.since) q.since = filter.since;
    if (filter.until) q.until = filter.until;
    getBridge().api.searchHistory(q).then(setPage, report);
  }, [filter, sort, order, offset, report]);

  useEffect(() => load(), [load]);
  // The Scan panel's "Show in History" names the scan to select.
  useEffect(() => {
    const uid = takeRequest('daq.history-select');
    if (!uid) return;
    getBridge().api.getScan(uid).then(setCurrent, report);
  }, [report]);
  useEffect(() => getBridge().on('scan.finished', () => load()), [load]);
  useEffect(() => {
    getBridge().api.getAppInfo().then((i) => setSpecPath((p) => p || `${i.basePath}/export.spec`), report);
  }, [report]);

  const header = (key: Sort, label: string) => (
    <th
      className="sortable"
      aria-sort={sort === key ? (order === 'asc' ? 'ascending' : 'descending') : 'none'}
      onClick={() => {
        if (sort === key) setOrder(order === 'asc' ? 'desc' : 'asc');
        else {
          setSort(key);
          setOrder('desc');
        }
        setOffset(0);
      }}
    >
      {label} {sort === key ? (order === 'asc' ? '▲' : '▼') : ''}
    </th>
  );
  const setF = (k: keyof typeof filter, v: string) => {
    setFilter((f) => ({ ...f, [k]: v }));
    setOffset(0);
  };
  // Only ticked rows are exported: a row merely clicked (to look at it) is not part of the selection.
  const chosen = [...selected];
  const rerun = current && requestFromPlan(current.planName, current.planArgs);

  return (
    <div className="history">
      <div className="history-filters" aria-label="filters">
        <select aria-label="plan filter" value={filter.plan} onChange={(e) => setF('plan', e.target.value)}>
          <option value="">any plan</option>
          {['line_scan', 'rel_line_scan', 'multi_scan', 'grid_scan', 'list_scan', 'count', 'timescan'].map((p) => (
            <option key={p}>{p}</option>
          ))}
        </select>
        <input aria-label="motor filter" placeholder="motor" value={filter.motor} onChange={(e) => setF('motor', e.target.value.trim())} />
        <select aria-label="status filter" value={filter.status} onChange={(e) => setF('status', e.target.value)}>
          <option value="">any status</option>
          <option>success</option>
          <option>abort</option>
          <option>fail</option>
          <option>running</option>
        </select>
        <input aria-label="sample filter" placeholder="sample" title="Part of the sample name (any case)" value={filter.sample} onChange={(e) => setF('sample', e.target.value)} />
        <input aria-label="title filter" placeholder="text in title or comment" title="Words in the scan's title or comment (any case)" value={filter.text} onChange={(e) => setF('text', e.target.value)} />
        <label>
          since <input aria-label="since" type="datetime-local" value={filter.since} onChange={(e) => setF('since', e.target.value)} />
        </label>
        <label>
          until <input aria-label="until" type="datetime-local" value={filter.until} onChange={(e) => setF('until', e.target.value)} />
        </label>
      </div>
      <div className="history-body">
        <SplitPane
          id="history"
          sideFraction={0.42}
          minSide={320}
          minMain={360}
          main={
            <div className="history-table-wrap">
              <table className="grid history-table" data-testid="history-table" data-total={page.total}>
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
                  {page.rows.map((r) => (
                    <tr
                      key={r.uid}
                      className={current?.uid === r.uid ? 'selected' : ''}
                      onClick={() => {
                        setOverlay(undefined);
                        setCurrent(r);
                      }} data-testid={`history-row-${r.scanNumber}`}>
                      <td onClick={(e) => e.stopPropagation()}>
                        <input
                          type="checkbox"
                          aria-label={`select scan ${r.scanNumber}`}
                          checked={selected.has(r.uid)}
                          onChange={(e) => {
                            const next = new Set(selected);
                            if (e.target.checked) next.add(r.uid);
                            else next.delete(r.uid);
                            setSelected(next);
                          }}
                        />
                      </td>
                      <td className={`status-${r.exitStatus ?? r.status}`} title={STATUS_LABEL[r.exitStatus ?? r.status]}>
                        <span className={`st-icon st-${r.exitStatus ?? r.status}`} role="img" aria-label={STATUS_LABEL[r.exitStatus ?? r.status]} data-testid={`status-${r.scanNumber}`} />
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
                  ))}
                </tbody>
              </table>
              <div className="row pager">
                <button disabled={offset === 0} title={offset === 0 ? 'These are the newest scans' : undefined} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
                  ← newer
                </button>
                <span data-testid="history-count">
                  {page.total === 0 ? 'no scan' : `${offset + 1}–${Math.min(offset + PAGE, page.total)} of ${page.total}`}
                </span>
                <button disabled={offset + PAGE >= page.total} title={offset + PAGE >= page.total ? 'No older scans' : undefined} onClick={() => setOffset(offset + PAGE)}>
                  older →
                </button>
              </div>
            </div>
          }
          side={
            <aside className="history-side">
              <fieldset className="saving">
                <legend>Export ({chosen.length} scan{chosen.length === 1 ? '' : 's'})</legend>
                <input aria-label="export path" value={specPath} onChange={(e) => setSpecPath(e.target.value)} />
                <label>
                  <input type="checkbox" checked={append} onChange={(e) => setAppend(e.target.checked)} /> append to an existing SPEC file
                </label>
                <div className="row">
                  <button
                    disabled={chosen.length === 0}
                    title={chosen.length === 0 ? 'Tick one or more scans first' : `Write ${chosen.length} scan(s) to the SPEC file`}
                    onClick={() =>
                      getBridge()
                        .api.exportSpec(chosen, specPath, append)
                        .then(
                          (r) => setMessage(`${r.scans.length} scan(s) written to ${r.file} as #S ${r.scans.map((x) => x.specNumber).join(', ')}`),
                          (err: unknown) => report(existsHint(err, specPath, true)),
                        )
                    }
                  >
                    Export SPEC
                  </button>
                  <button
                    disabled={chosen.length !== 1}
                    title={chosen.length === 1 ? 'Write the ticked scan to a CSV file next to the SPEC path' : `Tick exactly one scan (${chosen.length} ticked)`}
                    onClick={() => {
                      const csvPath = specPath.replace(/\.spec$/, '') + '.csv';
                      getBridge()
                        .api.exportCsv(chosen[0]!, csvPath)
                        .then((r) => setMessage(`${r.rows} row(s) written to ${r.file}`), (err: unknown) => report(existsHint(err, csvPath, false)));
                    }}
                  >
                    Export CSV
                  </button>
                  <button
                    disabled={!rerun}
                    title={!current ? 'Click a scan first' : !rerun ? `A ${current.planName} cannot be run again from here` : `Run scan ${current.scanNumber} again with the same parameters`}
                    onClick={() => {
                      const req = rerun;
                      if (req && current)
                        getBridge()
                          .api.startScan({ ...req, detectors: current.detectors, md: current.md })
                          .then((r) => setMessage(`Re-run started as scan ${r.scanNumber}; follow it in the Scan panel.`), report);
                    }}
                  >
                    Re-run
                  </button>
                  <button
                    disabled={chosen.length < 2}
                    title={chosen.length < 2 ? `Tick two or more scans to compare them (${chosen.length} ticked)` : `Plot the main 0-D channel of the ${chosen.length} ticked scans in one plot`}
                    onClick={() => {
                      // The ticked scans may be on another page or filtered out: fetch each by uid, in scan order.
                      Promise.all(chosen.map((uid) => getBridge().api.getScan(uid))).then(
                        (rows) => setOverlay(rows.sort((a, b) => a.scanNumber - b.scanNumber)),
                        report,
                      );
                    }}
                  >
                    Overlay
                  </button>
                </div>
                {message && <p className="muted" data-testid="history-message">{message}</p>}
              </fieldset>
              {overlay ? <Overlay rows={overlay} /> : current ? <Detail row={current} /> : <p className="muted">Click a scan to see its plot and metadata; tick scans to export them.</p>}
            </aside>
          }
        />
      </div>
    </div>
  );
}
