// The end-of-scan screenshot: when a scan this tab followed ends, its plot goes into the scan file as a PNG
// (Settings: scan.screenshotOnEnd, on by default). "Followed" is remembered for the tab (sessionStorage), so a
// scan that ended while the Scan panel was hidden is stored when the panel shows it again, and a scan already
// stored is not stored again after a reload, a tab switch or by a window opened later (each would add a
// plot_<n+1>). Two windows that both follow a scan live each store their plot.
import { useCallback, useEffect } from 'react';
import type { ScanReport } from '../../shared/scans.ts';
import { getBridge } from '../bridge.ts';
import { scanPlotCanvas } from '../components/ScanPlot.tsx';
import { useReportError } from '../errors.tsx';

const KEY = 'daq_scan_plots_pending';
/** Only the newest uids are kept: a tab follows one scan at a time. */
const KEEP = 20;

function pending(): string[] {
  try {
    const v: unknown = JSON.parse(sessionStorage.getItem(KEY) ?? '[]');
    return Array.isArray(v) ? v.filter((u): u is string => typeof u === 'string') : [];
  } catch {
    return [];
  }
}

function save(uids: string[]): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(uids.slice(-KEEP)));
  } catch {
    // No storage (private mode, quota): only the scans followed to their end while the panel shows get a plot.
  }
}

/** This tab follows the scan `uid` (it saw it start or running): its plot is to be stored when it ends. */
export function markFollowed(uid: string): void {
  const now = pending();
  if (!now.includes(uid)) save([...now, uid]);
}

function done(uid: string): void {
  save(pending().filter((u) => u !== uid));
}

/** Stores the plot of `ended` once it is drawn, if this tab followed that scan and has not stored it yet. */
export function useEndOfScanScreenshot(ended: ScanReport | undefined): void {
  const report = useReportError();
  const finishedUid = ended?.file && pending().includes(ended.uid) ? ended.uid : undefined;
  const attach = useCallback(
    (uid: string, png: Blob) =>
      void png
        .arrayBuffer()
        .then((b) => getBridge().api.attachScreenshot(uid, new Uint8Array(b), true))
        .then(() => done(uid), report),
    [report],
  );
  useEffect(() => {
    if (!finishedUid) return;
    let cancelled = false;
    // The setting is read when the scan ends, so a change made during the scan counts.
    void getBridge().api.getSettings().then((st) => {
      if (cancelled) return;
      if (!st.scan.screenshotOnEnd) return done(finishedUid);
      // Let the last batch render first.
      requestAnimationFrame(() => {
        if (cancelled) return;
        const canvas = scanPlotCanvas(); // issue 15: a grid's map enlarged, not its 5×4 px canvas
        canvas?.toBlob((blob) => blob && attach(finishedUid, blob), 'image/png');
      });
    }, report);
    return () => {
      cancelled = true;
    };
  }, [finishedUid, attach, report]);
}
