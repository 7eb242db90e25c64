// History panel: Every past scan, searchable, with SPEC and CSV export. This first version says what the panel will hold; its capability lands with its issue.
import type { PanelProps } from './types.ts';

export function HistoryPanel(_props: PanelProps) {
  return (
    <div className="placeholder">
      <h2>History</h2>
      <p className="muted">Every past scan, searchable, with SPEC and CSV export.</p>
    </div>
  );
}
