// Settings panel: where the app keeps its data and which instrument it runs.
import type { PanelProps } from './types.ts';

export function SettingsPanel({ info }: PanelProps) {
  if (!info) return <p className="muted">Connecting…</p>;
  const rows: [string, string][] = [
    ['Version', `${info.name} ${info.version}`],
    ['Node', info.node],
    ['Platform', info.platform],
    ['Transport', info.transport],
    ['Data folder (catalog, settings)', info.dataDir],
    ['Base path (data files)', info.basePath],
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
    </div>
  );
}
