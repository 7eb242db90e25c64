// The live scan, for the Scan panel: follows the running scan (every point of the live batches accumulated into
// columns, re-rendered at most once per animation frame however fast points arrive), runs it (start, pause,
// resume, stop, abort) and, when it ends, stores the plot in its file as a PNG (use-scan-screenshot.ts). The hook
// owns these bridge calls; the panel's components only draw what it returns and call its actions.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { DataKey, StartDoc } from '../../shared/documents.ts';
import { startDocOfRow, type ScanRow } from '../../shared/history.ts';
import type { ScanReport, ScanRequest, ScanState } from '../../shared/scans.ts';
import { getBridge } from '../bridge.ts';
import { useReportError } from '../errors.tsx';
import { markFollowed, useEndOfScanScreenshot } from './use-scan-screenshot.ts';

export interface LiveScan {
  start: StartDoc | undefined;
  dataKeys: Record<string, DataKey>;
  seq: number[];
  time: number[];
  columns: Record<string, number[]>;
  latest: Record<string, ArrayLike<number> | number>;
  progress: ScanState | undefined;
  report: ScanReport | undefined;
}

const empty = (): LiveScan => ({ start: undefined, dataKeys: {}, seq: [], time: [], columns: {}, latest: {}, progress: undefined, report: undefined });

export type ScanControl = 'pause' | 'resume' | 'stop' | 'abort';

export interface Scan {
  /** The scan followed (running, or the last one that ended); `version` grows whenever points arrive. */
  live: LiveScan & { version: number };
  /** The engine's state ('idle' before any progress is known). */
  state: ScanState['state'];
  /** A scan is under way (started and not yet reported). */
  running: boolean;
  start(request: ScanRequest): void;
  control(what: ScanControl): void;
  /** "Move to peak / centre of mass" from the plot. */
  moveMotor(motor: string, position: number): void;
  /** Appends a finished scan to a SPEC file; resolves with a sentence saying where it went (undefined if refused). */
  exportSpec(uid: string, file: string): Promise<string | undefined>;
}

const CONTROL = { pause: 'pauseScan', resume: 'resumeScan', stop: 'stopScan', abort: 'abortScan' } as const;

export function useScan(): Scan {
  const report = useReportError();
  const live = useLiveScan();
  // Once the ended scan is on the plot (read back from its file when the panel opens after it ended).
  useEndOfScanScreenshot(live.report && live.start?.uid === live.report.uid ? live.report : undefined);
  const state = live.progress?.state ?? 'idle';
  const running = state !== 'idle' && !live.report;
  const actions = useMemo(() => {
    const api = () => getBridge().api;
    return {
      start: (request: ScanRequest) => void api().startScan(request).catch(report),
      control: (what: ScanControl) => void api()[CONTROL[what]]().catch(report),
      moveMotor: (motor: string, position: number) => void api().moveMotor(motor, position).catch(report),
      exportSpec: (uid: string, file: string) =>
        api()
          .exportSpec([uid], file, true)
          .then((r) => `Written to ${r.file} as #S ${r.scans[0]!.specNumber}`, (err: unknown) => (report(err), undefined)),
    };
  }, [report]);
  return { live, state, running, ...actions };
}

function useLiveScan(): LiveScan & { version: number } {
  const data = useRef<LiveScan>(empty());
  const [version, setVersion] = useState(0);
  const frame = useRef<number | undefined>(undefined);

  useEffect(() => {
    const bridge = getBridge();
    const redraw = () => {
      frame.current ??= requestAnimationFrame(() => {
        frame.current = undefined;
        setVersion((v) => v + 1);
      });
    };
    const offs = [
      bridge.on('scan.started', (s) => {
        markFollowed(s.start.uid);
        data.current = { ...empty(), start: s.start, dataKeys: s.dataKeys, columns: Object.fromEntries(Object.entries(s.dataKeys).filter(([, k]) => k.shape.length === 0).map(([n]) => [n, []])) };
        redraw();
      }),
      bridge.on('scan.batch', (b) => {
        const d = data.current;
        if (!d.start || b.uid !== d.start.uid) return;
        for (const v of b.seq) d.seq.push(v);
        for (const v of b.time) d.time.push(v);
        for (const [k, col] of Object.entries(b.columns)) {
          const into = (d.columns[k] ??= []);
          for (const v of col) into.push(v);
        }
        Object.assign(d.latest, b.latest);
        redraw();
      }),
      bridge.on('scan.progress', (p) => {
        data.current.progress = p;
        redraw();
      }),
      bridge.on('scan.finished', (r) => {
        if (data.current.start?.uid === r.uid || !data.current.start) data.current.report = r;
        redraw();
      }),
    ];
    // A scan may already be running when the panel opens; if not, the last one of this session is shown again
    // (after a reload or a panel switch), read back from its file.
    bridge.api.getScanState().then(async (p) => {
      if (p.state !== 'idle') {
        if (p.uid) markFollowed(p.uid);
        data.current.progress = p;
        redraw();
        return;
      }
      const last = await bridge.api.getLastReport();
      if (!last || data.current.start) return;
      data.current.report = last;
      redraw();
      if (!last.file) return;
      const [row, stored] = await Promise.all([bridge.api.getScan(last.uid), bridge.api.readScanColumns(last.uid)]);
      if (data.current.start) return; // a new scan started meanwhile
      data.current = { ...restored(row, stored), report: last };
      redraw();
    }).catch(() => undefined);
    return () => {
      for (const off of offs) off();
      if (frame.current) cancelAnimationFrame(frame.current);
    };
  }, []);

  return { ...data.current, version };
}

/** A finished scan as if it had just been followed live: its start document rebuilt from the catalog row, its
 * 0-D columns from the file (the catalog keeps what plots need: plan, arguments, motors). */
function restored(row: ScanRow, stored: { columns: Record<string, number[]>; epoch: number[]; units: Record<string, string> }): LiveScan {
  const n = stored.epoch.length;
  const start = startDocOfRow(row);
  const dataKeys: Record<string, DataKey> = {};
  for (const k of Object.keys(stored.columns)) dataKeys[k] = { source: 'file', dtype: 'number', shape: [], units: stored.units[k] ?? '', object_name: k };
  return { ...empty(), start, dataKeys, seq: Array.from({ length: n }, (_, i) => i + 1), time: [...stored.epoch], columns: stored.columns };
}
