// The side-pane width a user dragged a split layout to, remembered per layout in localStorage (per-profile in
// Electron, per-origin in a browser). Storage that is full or disabled only means the width is not remembered.

const key = (layout: string) => `daq.split.${layout}`;

/** The remembered width of a layout's side pane (css px), if any. */
export function storedWidth(layout: string): number | undefined {
  try {
    const v = Number(localStorage.getItem(key(layout)));
    return Number.isFinite(v) && v > 0 ? v : undefined;
  } catch {
    return undefined;
  }
}

export function storeWidth(layout: string, width: number): void {
  try {
    localStorage.setItem(key(layout), String(Math.round(width)));
  } catch {
    // storage full or disabled: the width lasts for this page only
  }
}
