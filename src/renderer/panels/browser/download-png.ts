// The Browser's PNG button: the plot or image on screen saved through the browser's download.

/** Saves the first line plot or image of the Browser's view as `<name>.png`. */
export function downloadPlotPng(name: string): void {
  const canvas = document.querySelector<HTMLCanvasElement>('.browser-view .lineplot canvas, .browser-view canvas.imageview-canvas');
  canvas?.toBlob((blob) => {
    if (!blob) return;
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `${name}.png`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  }, 'image/png');
}
