// Settings panel: where the app keeps its data and which instrument it runs; the base path; scan-file options;
// re-index the data files. This file only composes.
import { BasePathField } from '../../components/BasePathField.tsx';
import { BASE_PATH_SOURCE, useSettings } from '../../hooks/use-settings.ts';
import type { PanelProps } from '../types.ts';
import { RebuildCatalog } from './RebuildCatalog.tsx';
import { ScanFileOptions } from './ScanFileOptions.tsx';

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
      <RebuildCatalog />
    </div>
  );
}
