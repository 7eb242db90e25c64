// Export buttons every plot and image carries: PNG of what is drawn and CSV of the numbers behind it. The files
// are handed to the browser's download (Electron shows its save dialog), named after the plot.
export interface PlotToolbarProps {
  /** File name without extension, e.g. "scan-12-det". */
  name: string;
  /** The canvas to save as PNG (read when the button is pressed). */
  canvas: () => HTMLCanvasElement | null | undefined;
  /** The CSV text (built when the button is pressed, so live plots cost nothing until then). */
  csv: () => string;
  testId?: string;
}

/** A file name safe on every OS: letters, digits, dot, dash and underscore. */
export function safeFileName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^_+|_+$/g, '') || 'plot';
}

function download(blob: Blob, file: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = file;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // The download has taken its copy once click() returns; free the URL a little later.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function PlotToolbar({ name, canvas, csv, testId }: PlotToolbarProps) {
  const file = safeFileName(name);
  return (
    <span className="plot-toolbar" data-testid={testId}>
      <button
        type="button"
        title="Save the plot as a PNG image"
        onClick={() => {
          const c = canvas();
          c?.toBlob((b) => b && download(b, `${file}.png`), 'image/png');
        }}
      >
        PNG
      </button>
      <button type="button" title="Save the plotted numbers as CSV" onClick={() => download(new Blob([csv()], { type: 'text/csv' }), `${file}.csv`)}>
        CSV
      </button>
    </span>
  );
}
