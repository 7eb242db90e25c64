// Settings panel: where the app keeps its data and which instrument it runs; re-index the data files.
import { useState } from 'react';
import type { RebuildReport } from '../../shared/history.ts';
import type { Settings } from '../../shared/settings.ts';
import { getBridge } from '../bridge.ts';
import { CompressionSelect } from '../components/CompressionSelect.tsx';
import { useReportError } from '../errors.tsx';
import { BASE_PATH_SOURCE, useSettings } from '../hooks/use-settings.ts';
import { BasePathField } from './BasePathField.tsx';
import type { PanelProps } from './types.ts';

function Rebuild() {
  const report = useReportError();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<RebuildReport | undefined>();
  return (
    <div className="rebuild">
      <h2>Catalog</h2>
      <p className="muted">The files are the source of truth: rebuilding reads every HDF5 file under the base path into the catalog. Rows whose files are gone are kept and listed.</p>
      <button
        disabled={busy}
        onClick={() => {
          setBusy(true);
          getBridge()
            .api.rebuildCatalog()
            .then(setResult, report)
            .finally(() => setBusy(false));
        }}
      >
        {busy ? 'Rebuilding…' : 'Rebuild catalog from files'}
      </button>
      {result && (
        <div data-testid="rebuild-result">
          <p>
            {result.scans} scan(s) in {result.files} file(s), {result.seconds.toFixed(2)} s.
          </p>
          {result.missing.map((m) => (
            <p key={m.uid} className="field-error">
              missing: scan {m.scanNumber} — its file {m.file || '(none)'} is gone or moved
            </p>
          ))}
          {result.unreadable.map((u) => (
            <p key={u.file} className="field-error">
              unreadable: {u.file}: {u.problem}
            </p>
          ))}
        </div>
      )}
    </div>
  );
}

/** Scan file options: compression of scan datasets, and the PNG of the plot stored with each scan. */
function ScanFileOptions() {
  const report = useReportError();
  // The settings in effect: a change made in the Scan panel or another window shows here too.
  const scan = useSettings()?.settings.scan;
  if (!scan) return null;
  const update = (patch: Partial<Settings['scan']>) =>
    getBridge()
      .api.updateSettings({ scan: patch })
      .catch(report);
  return (
    <div className="scan-options">
      <h2>Scan files</h2>
      <label>
        <input type="checkbox" aria-label="store plot screenshot" checked={scan.screenshotOnEnd} onChange={(e) => void update({ screenshotOnEnd: e.target.checked })} /> store a PNG of the scan plot in the
        dataset when a scan ends
      </label>
      <CompressionSelect ariaPrefix="scan " value={scan} onChange={(patch) => void update(patch)} />
    </div>
  );
}

export function SettingsPanel({ info }: PanelProps) {
  const effective = useSettings();
  if (!info) return <p className="muted">Connecting…</p>;
  const rows: [string, string][] = [
    ['Version', `${info.name} ${info.version}`],
    ['Node', info.node],
    ['Platform', info.platform],
    ['Transport', info.transport],
    ['Data folder (catalog, settings)', info.dataDir],
    // The base path in effect and why (it follows a change made in the Viewer, here or in another window).
    ['Base path (data files)', effective ? `${effective.basePath} (${BASE_PATH_SOURCE[effective.basePathSource]})` : info.basePath],
    ['Instrument config', info.instrumentFile],
  ];
  return (
    <div className="settings">
      <h2>Settings</h2>
      <table className="grid kv" data-testid="settings-table">
        <tbody>
          {rows.map(([k, v]) => (
            <tr key={k}>
              <th>{k}</th>
              <td>{v}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="settings-base-path" data-testid="settings-base-path">
        <BasePathField />
      </div>
      <ScanFileOptions />
      <Rebuild />
    </div>
  );
}
