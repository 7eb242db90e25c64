// The report of the scan that ended: how it ended, plan, points, times, uid and file; and where to go from it
// (Browser, History) or append it to the SPEC file in the base path in effect now.
import { useState } from 'react';
import type { ScanReport } from '../../../shared/scans.ts';
import { showInBrowser, showInHistory } from '../../navigation.ts';
import { seconds } from './scan-format.ts';

export interface ScanReportViewProps {
  report: ScanReport;
  /** The base path in effect now (it may have changed since the scan): Export SPEC writes there. */
  basePath: string;
  exportSpec(uid: string, file: string): Promise<string | undefined>;
}

export function ScanReportView({ report: r, basePath, exportSpec }: ScanReportViewProps) {
  const [exported, setExported] = useState('');
  const spec = `${basePath}/scans.spec`;
  return (
    <div className={`report report-${r.status}`} data-testid="scan-report" data-file={r.file} data-entry={r.entry}>
      <strong>
        Scan {r.scanNumber}: {r.status}
      </strong>
      {r.reason && <span> — {r.reason}</span>}
      <div className="report-grid">
        <span>plan</span>
        <span>{r.planName}</span>
        <span>points</span>
        <span>{r.numPoints}</span>
        <span>start</span>
        <span>{new Date(r.startTime * 1000).toLocaleString()}</span>
        <span>end</span>
        <span>{new Date(r.endTime * 1000).toLocaleString()}</span>
        <span>elapsed</span>
        <span>{seconds(r.elapsed)}</span>
        <span>uid</span>
        <span className="mono">{r.uid}</span>
        <span>file</span>
        <span className="mono">{r.file ? `${r.file}::/${r.entry}` : 'not saved'}</span>
      </div>
      {r.file && (
        <div className="row report-actions">
          <button onClick={() => showInBrowser(r.file)}>Open in Browser</button>
          <button onClick={() => showInHistory(r.uid)}>Show in History</button>
          <button title={`Append this scan to ${spec}`} onClick={() => void exportSpec(r.uid, spec).then((m) => m && setExported(m))}>
            Export SPEC
          </button>
          {exported && (
            <span className="muted" data-testid="report-export">
              {exported}
            </span>
          )}
        </div>
      )}
    </div>
  );
}
