// The canvas an image's PNG export (and a grid scan's screenshot) saves.

/** The canvas for PNG export: small images (a 5×4 grid map) are enlarged by whole pixels to at least 256 px. */
export function exportCanvas(c: HTMLCanvasElement | null): HTMLCanvasElement | null {
  if (!c || (c.width >= 256 && c.height >= 256)) return c;
  const k = Math.ceil(256 / Math.max(1, Math.min(c.width, c.height)));
  const big = document.createElement('canvas');
  big.width = c.width * k;
  big.height = c.height * k;
  const ctx = big.getContext('2d');
  if (!ctx) return c;
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(c, 0, 0, big.width, big.height);
  return big;
}
