// Follows the running scan for the panels: accumulates every point of the live batches into columns and
// re-renders at most once per animation frame, however fast points arrive.
import { useEffect, useRef, useState } from 'react';
import type { DataKey, StartDoc } from '../shared/documents.ts';
import { startDocOfRow, type ScanRow } from '../shared/history.ts';
import type { ScanReport, ScanState } from '../shared/scans.ts';
import { getBridge } from './bridge.ts';

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

export function useLiveScan(): LiveScan & { version: number } {
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
