// Colormaps as 256-entry RGB lookup tables, interpolated from a few anchor colours of the matplotlib maps
// scientists know (viridis, inferno, gray). Lookup is per pixel, so tables are built once.
export type ColormapName = 'viridis' | 'inferno' | 'gray';

const ANCHORS: Record<ColormapName, [number, number, number][]> = {
  viridis: [
    [68, 1, 84], [72, 35, 116], [64, 67, 135], [52, 94, 141], [41, 120, 142], [32, 144, 140],
    [34, 167, 132], [68, 190, 112], [121, 209, 81], [189, 222, 38], [253, 231, 37],
  ],
  inferno: [
    [0, 0, 4], [22, 11, 57], [66, 10, 104], [106, 23, 110], [147, 38, 103], [188, 55, 84],
    [221, 81, 58], [243, 120, 25], [252, 165, 10], [246, 215, 70], [252, 255, 164],
  ],
  gray: [
    [0, 0, 0], [255, 255, 255],
  ],
};

const cache = new Map<ColormapName, Uint8Array>();

/** 256×3 bytes. */
export function colormapTable(name: ColormapName): Uint8Array {
  let t = cache.get(name);
  if (t) return t;
  const a = ANCHORS[name];
  t = new Uint8Array(256 * 3);
  for (let i = 0; i < 256; i++) {
    const x = (i / 255) * (a.length - 1);
    const k = Math.min(a.length - 2, Math.floor(x));
    const f = x - k;
    for (let c = 0; c < 3; c++) t[i * 3 + c] = Math.round(a[k]![c]! * (1 - f) + a[k + 1]![c]! * f);
  }
  cache.set(name, t);
  return t;
}

export const COLORMAPS: ColormapName[] = ['viridis', 'inferno', 'gray'];
