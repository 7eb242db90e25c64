// Scan panel (DAQ_Scan): set up a scan (type, motors, start/stop/points with the positions previewed, exposure,
// detectors, metadata), run it (Start, Pause/Resume, Stop, Abort; Ctrl+Enter starts, Escape stops), follow it
// (progress with ETA, live plot of a detector against the motor with log scale, live table), and read its report.
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { DeviceInfo, MotorInfo } from '../../shared/api.ts';
import type { ScanPreview, ScanReport, ScanState } from '../../shared/scans.ts';
import { getBridge } from '../bridge.ts';
import { ScanFileCompression } from '../components/CompressionSelect.tsx';
import { ScanPlot, scanPlotCanvas } from '../components/ScanPlot.tsx';
import { useReportError } from '../errors.tsx';
import { useLiveScan } from '../live-scan.ts';
import { useSettings } from '../hooks/use-settings.ts';
import { showInBrowser, showInHistory } from '../navigation.ts';
import { DEFAULT_FORM, firstProblem, toRequest, validate, type MotorLimits, type ScanForm, type ScanType } from './scan-form.ts';
import { SessionMetadata } from './SessionMetadata.tsx';
import type { PanelProps } from './types.ts';

const TYPES: { id: ScanType; label: string }[] = [
  { id: 'line', label: 'Line (1 motor)' },
  { id: 'multi', label: 'Multi-motor (together)' },
  { id: 'grid', label: 'Grid (mesh)' },
  { id: 'list', label: 'List of positions' },
  { id: 'count', label: 'Count' },
  { id: 'timescan', label: 'Time scan' },
];

const TABLE_ROWS = 200;

function fmt(v: number | undefined): string {
  if (v === undefined || !Number.isFinite(v)) return '';
  const a = Math.abs(v);
  return a !== 0 && (a >= 1e6 || a < 1e-3) ? v.toExponential(4) : Number(v.toPrecision(7)).toString();
}

function seconds(s: number | null | undefined): string {
  if (s === null || s === undefined || !Number.isFinite(s)) return '—';
  if (s < 60) return `${s.toFixed(1)} s`;
  return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}

function Field({ label, error, children }: { label: string; error?: string; children: React.ReactNode }) {
  return (
    <label className={error ? 'field invalid' : 'field'} title={error}>
      <span>{label}</span>
      {children}
      {error && <small className="field-error">{error}</small>}
    </label>
  );
}

/** The progress bar's words: points, elapsed and ETA while running; once ended, how it ended and no ETA. */
function progressText(p: ScanState | undefined, report: ScanReport | undefined, state: string): string {
  if (report) return `scan ${report.scanNumber} ${report.status === 'success' ? 'done' : report.status} · ${report.numPoints} points · ${seconds(report.elapsed)}`;
  if (!p) return 'idle';
  return `${p.done}${p.total !== null ? ` / ${p.total}` : ''} points · elapsed ${seconds(p.elapsed)} · ETA ${seconds(p.eta)}${state === 'paused' ? ' · paused' : ''}`;
}

export function ScanPanel({ info }: PanelProps) {
  const report = useReportError();
  const [devices, setDevices] = useState<DeviceInfo[]>([]);
  const [form, setForm] = useState<ScanForm>(DEFAULT_FORM);
  const [preview, setPreview] = useState<ScanPreview | undefined>();
  const [previewError, setPreviewError] = useState('');
  const [dataset, setDataset] = useState('');
  const [exported, setExported] = useState('');
  const live = useLiveScan();
  // Export SPEC writes into the base path in effect now (it may have been changed since this panel opened).
  const basePath = useSettings()?.basePath ?? info?.basePath ?? '';
  const limits = useMemo(() => new Map<string, MotorLimits>(devices.filter((d): d is MotorInfo => d.kind === 'motor').map((m) => [m.name, { limits: m.limits, position: m.position }])), [devices]);
  const errors = validate(form, limits);
  const valid = Object.keys(errors).length === 0;
  const state = live.progress?.state ?? 'idle';
  const running = state !== 'idle' && !live.report;
  // Why Start is greyed out, in its tooltip (a disabled button gives no other feedback).
  const startBlocked = running ? 'A scan is running' : (firstProblem(errors) ?? (previewError ? `The backend refuses this scan: ${previewError}` : undefined));

  useEffect(() => {
    const api = getBridge().api;
    api.listDevices().then(setDevices, report);
    api.getDataset().then((d) => setDataset(d.file), () => setDataset(''));
    api.getSettings().then((s) => {
      const saved = s.scan.lastSetup as Partial<ScanForm> | undefined;
      if (saved && typeof saved === 'object' && saved.type) setForm({ ...DEFAULT_FORM, ...saved });
    }, report);
  }, [report]);

  // Preview the positions the backend would visit (debounced), and keep the set-up for next time.
  useEffect(() => {
    setPreviewError('');
    if (!valid) return setPreview(undefined);
    const t = setTimeout(() => {
      const api = getBridge().api;
      api.previewScan(toRequest(form)).then(setPreview, (err: unknown) => (setPreview(undefined), setPreviewError(err instanceof Error ? err.message : String(err))));
      api.updateSettings({ scan: { lastSetup: form as unknown as Record<string, unknown> } }).catch(() => undefined);
    }, 250);
    return () => clearTimeout(t);
  }, [form, valid]);

  // When a scan ends, its plot goes into the scan file as a PNG (Settings: scan.screenshotOnEnd, on by default).
  const finishedUid = live.report?.file ? live.report.uid : undefined;
  useEffect(() => {
    if (!finishedUid) return;
    const api = getBridge().api;
    let cancelled = false;
    void api.getSettings().then((st) => {
      if (cancelled || !st.scan.screenshotOnEnd) return;
      // Let the last batch render first.
      requestAnimationFrame(() => {
        const canvas = scanPlotCanvas(); // issue 15: a grid's map enlarged, not its 5×4 px canvas
        canvas?.toBlob((blob) => {
          if (blob) void blob.arrayBuffer().then((b) => api.attachScreenshot(finishedUid, new Uint8Array(b))).catch(report);
        }, 'image/png');
      });
    }, report);
    return () => {
      cancelled = true;
    };
  }, [finishedUid, report]);

  const motors = devices.filter((d): d is MotorInfo => d.kind === 'motor');
  const detectors = devices.filter((d) => d.kind === 'detector');
  const set = (patch: Partial<ScanForm>) => setForm((f) => ({ ...f, ...patch }));
  const setAxis = (i: number, patch: Partial<ScanForm['axes'][number]>) => setForm((f) => ({ ...f, axes: f.axes.map((a, k) => (k === i ? { ...a, ...patch } : a)) }));

  const start = () => {
    if (startBlocked) return;
    getBridge().api.startScan(toRequest(form)).catch(report);
  };
  const control = (what: 'pauseScan' | 'resumeScan' | 'stopScan' | 'abortScan') => getBridge().api[what]().catch(report);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
        e.preventDefault();
        start();
      } else if (e.key === 'Escape' && running) {
        e.preventDefault();
        void control('stopScan');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const axesShown = form.type === 'line' ? 1 : form.type === 'multi' || form.type === 'grid' ? form.axes.length : 0;
  const scalarKeys = Object.keys(live.columns);
  const p = live.progress;
  const pct = p?.total ? Math.min(100, (100 * p.done) / p.total) : live.report ? 100 : 0;
  const rows = live.seq.length;
  const first = Math.max(0, rows - TABLE_ROWS);

  // The live table follows the newest point, unless the user scrolled up to read an older one.
  const tableWrap = useRef<HTMLDivElement>(null);
  const follow = useRef(true);
  const onTableScroll = () => {
    const el = tableWrap.current;
    if (el) follow.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
  };
  useLayoutEffect(() => {
    const el = tableWrap.current;
    if (el && follow.current) el.scrollTop = el.scrollHeight;
  }, [rows]);

  return (
    <div className="scan-panel">
      <form className="scan-setup" onSubmit={(e) => (e.preventDefault(), start())} aria-label="Scan set-up">
        <Field label="Scan type">
          <select value={form.type} onChange={(e) => set({ type: e.target.value as ScanType })} aria-label="scan type">
            {TYPES.map((t) => (
              <option key={t.id} value={t.id}>
                {t.label}
              </option>
            ))}
          </select>
        </Field>
        {Array.from({ length: axesShown }, (_, i) => (
          <div className="axis" key={i} data-testid={`axis-${i}`}>
            <Field label={axesShown > 1 ? `Motor ${i + 1}` : 'Motor'} error={errors[`axis${i}.motor`] ?? (i === 0 ? errors.axes : undefined)}>
              <select value={form.axes[i]!.motor} onChange={(e) => setAxis(i, { motor: e.target.value })} aria-label={`motor ${i + 1}`}>
                {motors.map((m) => (
                  <option key={m.name} value={m.name}>
                    {m.name} ({m.units})
                  </option>
                ))}
              </select>
            </Field>
            <Field label="Start" error={errors[`axis${i}.start`]}>
              <input className="num" aria-label={`start ${i + 1}`} value={form.axes[i]!.start} onChange={(e) => setAxis(i, { start: e.target.value })} />
            </Field>
            <Field label="Stop" error={errors[`axis${i}.stop`]}>
              <input className="num" aria-label={`stop ${i + 1}`} value={form.axes[i]!.stop} onChange={(e) => setAxis(i, { stop: e.target.value })} />
            </Field>
            {form.type === 'grid' && (
              <Field label="Points" error={errors[`axis${i}.points`]}>
                <input className="num" aria-label={`points ${i + 1}`} value={form.axes[i]!.points} onChange={(e) => setAxis(i, { points: e.target.value })} />
              </Field>
            )}
          </div>
        ))}
        {errors.gridTotal && <small className="field-error">{errors.gridTotal}</small>}
        {(form.type === 'multi' || form.type === 'grid') && (
          <div className="row">
            <button type="button" onClick={() => set({ axes: [...form.axes, { motor: motors.find((m) => !form.axes.some((a) => a.motor === m.name))?.name ?? '', start: '0', stop: '1', points: '5' }] })}>
              + motor
            </button>
            {form.axes.length > (form.type === 'grid' ? 2 : 1) && (
              <button type="button" onClick={() => set({ axes: form.axes.slice(0, -1) })}>
                − motor
              </button>
            )}
          </div>
        )}
        {form.type === 'list' && (
          <>
            <Field label="Motors (comma-separated)" error={errors.listMotors}>
              <input aria-label="list motors" value={form.listMotors} onChange={(e) => set({ listMotors: e.target.value })} />
            </Field>
            <Field label="Positions: one point per line (paste a table)" error={errors.listTable}>
              <textarea aria-label="list positions" rows={5} value={form.listTable} onChange={(e) => set({ listTable: e.target.value })} />
            </Field>
            <input
              type="file"
              aria-label="load positions"
              accept=".txt,.csv,.dat"
              onChange={(e) => {
                const f = e.target.files?.[0];
                if (f) void f.text().then((t) => set({ listTable: t }));
              }}
            />
          </>
        )}
        {form.type !== 'grid' && form.type !== 'list' && (
          <Field label={form.type === 'timescan' ? 'Points (empty: until stopped)' : 'Points (start and stop included)'} error={errors.points}>
            <input className="num" aria-label="points" value={form.points} onChange={(e) => set({ points: e.target.value })} />
          </Field>
        )}
        <Field label="Exposure per point (s)" error={errors.expTime}>
          <input className="num" aria-label="exposure" value={form.expTime} onChange={(e) => set({ expTime: e.target.value })} />
        </Field>
        <div className="row">
          {form.type !== 'count' && form.type !== 'timescan' && (
            <label>
              <input type="checkbox" checked={form.relative} onChange={(e) => set({ relative: e.target.checked })} /> relative
            </label>
          )}
          {form.type === 'grid' && (
            <label>
              <input type="checkbox" checked={form.snake} onChange={(e) => set({ snake: e.target.checked })} /> snake
            </label>
          )}
        </div>
        <fieldset className="detectors" aria-label="detectors">
          <legend>Detectors {errors.detectors && <small className="field-error">{errors.detectors}</small>}</legend>
          {detectors.map((d) => (
            <label key={d.name}>
              <input
                type="checkbox"
                checked={form.detectors.includes(d.name)}
                onChange={(e) => set({ detectors: e.target.checked ? [...form.detectors, d.name] : form.detectors.filter((x) => x !== d.name) })}
              />{' '}
              {d.name}
            </label>
          ))}
        </fieldset>
        <Field label="Sample">
          <input aria-label="sample" value={form.sample} onChange={(e) => set({ sample: e.target.value })} />
        </Field>
        <Field label="Comment">
          <input aria-label="comment" value={form.comment} onChange={(e) => set({ comment: e.target.value })} />
        </Field>
        {form.extra.map((kv, i) => (
          <div className="row" key={i}>
            <input aria-label={`metadata key ${i + 1}`} placeholder="key or key@units" className={errors[`extra${i}`] ? 'invalid' : ''} value={kv.key} onChange={(e) => set({ extra: form.extra.map((x, k) => (k === i ? { ...x, key: e.target.value } : x)) })} />
            <input aria-label={`metadata value ${i + 1}`} placeholder="value" value={kv.value} onChange={(e) => set({ extra: form.extra.map((x, k) => (k === i ? { ...x, value: e.target.value } : x)) })} />
          </div>
        ))}
        <button type="button" onClick={() => set({ extra: [...form.extra, { key: '', value: '' }] })}>
          + metadata
        </button>
        <SessionMetadata />
        <ScanFileCompression disabled={running} />
        <div className="preview" data-testid="scan-preview">
          {preview ? (
            <>
              <strong>{preview.numPoints}</strong> point(s): {preview.title}
              {preview.motors.length > 0 && (
                <div className="preview-positions">
                  {preview.positions.slice(0, 6).map((r) => r.map(fmt).join(', ')).join(' · ')}
                  {preview.numPoints > 6 ? ' …' : ''}
                </div>
              )}
            </>
          ) : valid ? (
            previewError ? (
              <span className="field-error">{previewError}</span>
            ) : (
              'checking…'
            )
          ) : (
            'fix the marked fields'
          )}
        </div>
      </form>

      <section className="scan-run">
        <div className="scan-controls" role="toolbar" aria-label="scan controls">
          <button className="primary" onClick={start} disabled={startBlocked !== undefined} title={startBlocked ?? 'Start (Ctrl+Enter)'} data-testid="start-scan">
            Start
          </button>
          {state === 'paused' ? (
            <button onClick={() => control('resumeScan')} disabled={!running} title="Resume the paused scan">
              Resume
            </button>
          ) : (
            <button onClick={() => control('pauseScan')} disabled={!running} title={running ? 'Pause before the next point' : 'No scan is running'}>
              Pause
            </button>
          )}
          <button onClick={() => control('stopScan')} disabled={!running} title={running ? 'Finish the current point and end (Escape)' : 'No scan is running'}>
            Stop
          </button>
          <button className="danger" onClick={() => control('abortScan')} disabled={!running} title={running ? 'Interrupt now; the scan ends as abort' : 'No scan is running'}>
            Abort
          </button>
          <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(pct)} data-testid="scan-progress">
            <div className="progress-fill" style={{ width: `${pct}%` }} />
            <span className="progress-text">
              {progressText(p, live.report, state)}
            </span>
          </div>
        </div>
        <div className="dataset-bar">
          <span>
            Dataset: <span className="mono" data-testid="dataset-file" title={dataset}>{dataset.split(/[\\/]/).pop() || '—'}</span>
          </span>
          <button
            disabled={running}
            onClick={() => getBridge().api.newDataset().then((d) => setDataset(d.file), report)}
            title="The next scans go into a new file Dataset_<date>_<NNN+1>.h5"
          >
            New dataset
          </button>
        </div>
        {/* Issue 15 (plots helper): channels, monitor, planned x range, peak stats, grid map with axes. */}
        <ScanPlot live={live} running={running} onMoveMotor={(m, x) => void getBridge().api.moveMotor(m, x).catch(report)} />
        {live.report && (
          <div className={`report report-${live.report.status}`} data-testid="scan-report" data-file={live.report.file} data-entry={live.report.entry}>
            <strong>Scan {live.report.scanNumber}: {live.report.status}</strong>
            {live.report.reason && <span> — {live.report.reason}</span>}
            <div className="report-grid">
              <span>plan</span>
              <span>{live.report.planName}</span>
              <span>points</span>
              <span>{live.report.numPoints}</span>
              <span>start</span>
              <span>{new Date(live.report.startTime * 1000).toLocaleString()}</span>
              <span>end</span>
              <span>{new Date(live.report.endTime * 1000).toLocaleString()}</span>
              <span>elapsed</span>
              <span>{seconds(live.report.elapsed)}</span>
              <span>uid</span>
              <span className="mono">{live.report.uid}</span>
              <span>file</span>
              <span className="mono">{live.report.file ? `${live.report.file}::/${live.report.entry}` : 'not saved'}</span>
            </div>
            {live.report.file && (
              <div className="row report-actions">
                <button onClick={() => showInBrowser(live.report!.file)}>Open in Browser</button>
                <button onClick={() => showInHistory(live.report!.uid)}>Show in History</button>
                <button
                  title={`Append this scan to ${basePath}/scans.spec`}
                  onClick={() =>
                    getBridge()
                      .api.exportSpec([live.report!.uid], `${basePath}/scans.spec`, true)
                      .then((r) => setExported(`Written to ${r.file} as #S ${r.scans[0]!.specNumber}`), report)
                  }
                >
                  Export SPEC
                </button>
                {exported && <span className="muted" data-testid="report-export">{exported}</span>}
              </div>
            )}
          </div>
        )}
        <div className="live-table-wrap" ref={tableWrap} onScroll={onTableScroll} data-testid="live-table-wrap">
          <table className="grid live-table" data-testid="live-table" data-rows={rows}>
            <thead>
              <tr>
                <th>seq_num</th>
                <th>time</th>
                {scalarKeys.map((k) => (
                  <th key={k}>{k}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {live.seq.slice(first).map((s, i) => (
                <tr key={s}>
                  <td className="num">{s}</td>
                  <td className="num">{new Date(live.time[first + i]! * 1000).toLocaleTimeString()}</td>
                  {scalarKeys.map((k) => (
                    <td key={k} className="num">
                      {fmt(live.columns[k]![first + i])}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          {rows > TABLE_ROWS && <p className="muted">showing the last {TABLE_ROWS} of {rows} points; the plot holds them all</p>}
        </div>
      </section>
    </div>
  );
}
