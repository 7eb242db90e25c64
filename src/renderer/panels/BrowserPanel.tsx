// Browser panel: Open any HDF5 file: tree, attributes, plots and images. This first version says what the panel will hold; its capability lands with its issue.
import type { PanelProps } from './types.ts';

export function BrowserPanel(_props: PanelProps) {
  return (
    <div className="placeholder">
      <h2>Browser</h2>
      <p className="muted">Open any HDF5 file: tree, attributes, plots and images.</p>
    </div>
  );
}
