// How an image's values become colours: the colormap, linear or log scale, and the value window (auto = the
// frame's min…max, or a manual min/max typed in or dragged on the histogram).
import { useMemo, useState } from 'react';
import type { ColormapName } from '../colormaps.ts';
import { logWindow, minMax, type Pixels } from '../image-math.ts';

export interface Contrast {
  cmap: ColormapName;
  setCmap: (c: ColormapName) => void;
  log: boolean;
  setLog: (on: boolean) => void;
  auto: boolean;
  setAuto: (on: boolean) => void;
  /** The manual window as typed (text, so a half-typed number is kept). */
  manual: [string, string];
  setManual: (m: [string, string]) => void;
  /** The value window the colours span. */
  range: [number, number];
  /** A window dragged on the histogram: manual contrast from then on. */
  setWindow: (w: [number, number]) => void;
}

export function useContrast(data: Pixels): Contrast {
  const [cmap, setCmap] = useState<ColormapName>('viridis');
  const [log, setLog] = useState(false);
  const [auto, setAuto] = useState(true);
  const [manual, setManual] = useState<[string, string]>(['0', '1000']);

  const range = useMemo<[number, number]>(() => {
    let r: [number, number];
    if (auto) r = minMax(data);
    else {
      const lo = Number(manual[0]);
      const hi = Number(manual[1]);
      r = Number.isFinite(lo) && Number.isFinite(hi) && hi > lo ? [lo, hi] : minMax(data);
    }
    return log ? logWindow(r[0], r[1], data) : r;
  }, [auto, manual, data, log]);

  const setWindow = (w: [number, number]) => {
    setAuto(false);
    setManual([String(Number(w[0].toPrecision(6))), String(Number(w[1].toPrecision(6)))]);
  };
  return { cmap, setCmap, log, setLog, auto, setAuto, manual, setManual, range, setWindow };
}
