// Scan panel: Scan setup, live plots and the scan report. This first version says what the panel will hold; its capability lands with its issue.
import type { PanelProps } from './types.ts';

export function ScanPanel(_props: PanelProps) {
  return (
    <div className="placeholder">
      <h2>Scan</h2>
      <p className="muted">Scan setup, live plots and the scan report.</p>
    </div>
  );
}
