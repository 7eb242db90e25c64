// The data the Browser's views draw, read slice by slice (H5Web's rule: only what is looked at is read): a line or
// its min/max envelope (browserSlice, browserEnvelope), one 2-D frame of an N-D dataset, a page of a table, the
// NXdata default plot's columns, a PNG stored as bytes, and the exports (browserExport). A view shows the answer to
// its latest read: an answer to an earlier one (the slider or the zoom moved on) is dropped.
import { useEffect, useState } from 'react';
import type { Api } from '../../shared/api.ts';
import type { OpenFile, PlotDescription } from '../../shared/browse.ts';
import { getBridge } from '../bridge.ts';
import { useReportError } from '../errors.tsx';
import type { Pinned } from './use-browser-node.ts';

/** Up to this many points a line is read as it is; longer ones as an envelope. */
const POINTS_DIRECT = 100_000;
const ENVELOPE_BUCKETS = 2000;

export type Range = [number, number] | null;
export interface Line {
  label: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
}

/** The answer of the latest `read` (reads again when a dependency changes); the last answer stays until then. */
function useLatest<T>(read: (api: Api) => Promise<T>, deps: readonly unknown[]): T | undefined {
  const report = useReportError();
  const [value, setValue] = useState<T | undefined>();
  useEffect(() => {
    let stale = false;
    read(getBridge().api).then((v) => !stale && setValue(v), (e: unknown) => !stale && report(e));
    return () => {
      stale = true;
    };
    // The caller's dependencies are those of `read`, a new closure each render.
  }, [...deps, report]);
  return value;
}

/** One 1-D dataset (or its envelope) in the index range `range` (all when undefined), plus the pinned ones. */
export function useLineSeries(file: OpenFile, path: string, length: number, label: string, range: [number, number] | undefined, pinned: Pinned[]): Line[] {
  const series = useLatest(
    async (api) => {
      const [a, b] = range ? [Math.max(0, Math.floor(range[0])), Math.min(length, Math.ceil(range[1]) + 1)] : [0, length];
      const read = (p: string, l: string): Promise<Line[]> =>
        b - a <= POINTS_DIRECT
          ? api.browserSlice(file.id, p, [[a, b]]).then((s) => [{ label: l, x: Array.from({ length: s.values.length }, (_, i) => a + i), y: s.values }])
          : api.browserEnvelope(file.id, p, a, b, ENVELOPE_BUCKETS).then((e) => [
              { label: `${l} max`, x: e.x, y: e.max },
              { label: `${l} min`, x: e.x, y: e.min },
            ]);
      const others = pinned.filter((q) => q.path !== path);
      // A pinned dataset that cannot be read is left out rather than hiding the line asked for.
      const all = await Promise.all([read(path, label), ...others.map((q) => read(q.path, q.label).catch(() => []))]);
      return all.flat();
    },
    [file, path, length, label, range, pinned],
  );
  return series ?? [];
}

/** One 2-D frame of an N-D dataset: `lead` gives the index along each dimension before the last two. */
export function useImageFrame(file: OpenFile, path: string, shape: number[], lead: number[]): { data: Float64Array; w: number; h: number } | undefined {
  const h = shape[shape.length - 2]!;
  const w = shape[shape.length - 1]!;
  return useLatest(
    (api) => api.browserSlice(file.id, path, [...lead.map((i) => [i, i + 1] as [number, number]), null, null]).then((s) => ({ data: s.values, w, h })),
    [file, path, lead.join(','), w, h],
  );
}

/** Rows [start, start + rows) of a dataset, with its first `cols` columns (the first index of other dimensions). */
export function useTablePage(file: OpenFile, path: string, shape: number[], start: number, rows: number, cols: number): number[][] {
  const page = useLatest(
    async (api) => {
      const ranges: Range[] = [[start, Math.min(shape[0] ?? 1, start + rows)], ...(shape.length >= 2 ? [[0, cols] as [number, number]] : []), ...shape.slice(2).map(() => [0, 1] as [number, number])];
      const s = await api.browserSlice(file.id, path, shape.length === 0 ? [] : ranges);
      const out: number[][] = [];
      for (let r = 0; r < (s.selection[0] ?? 1); r++) out.push(Array.from(s.values.subarray(r * cols, r * cols + cols)));
      return out;
    },
    [file, path, shape.join(','), start, rows, cols],
  );
  return page ?? [];
}

/** The columns of a 1-D NXdata default plot: the signal and the auxiliary signals against the first axis. */
export function usePlotSeries(file: OpenFile, plot: PlotDescription): Line[] {
  const oneD = plot.signal.shape.length === 1;
  const series = useLatest(
    async (api) => {
      if (!oneD) return [];
      const axis = plot.axes[0];
      const [sig, ax, ...aux] = await Promise.all([
        api.browserSlice(file.id, plot.signal.path, [null]),
        axis ? api.browserSlice(file.id, axis.path, [null]) : Promise.resolve(undefined),
        ...plot.auxiliary.map((a) => api.browserSlice(file.id, a.path, [null])),
      ]);
      const x = ax ? ax.values : Array.from({ length: sig!.values.length }, (_, i) => i);
      return [{ label: plot.signal.label, x, y: sig!.values }, ...aux.map((a, i) => ({ label: plot.auxiliary[i]!.label, x, y: a!.values }))];
    },
    [file, plot, oneD],
  );
  return series ?? [];
}

/** A PNG stored as bytes (@mime_type image/png) as an object URL, revoked when the view goes. */
export function useStoredPng(file: OpenFile, path: string): string | undefined {
  const report = useReportError();
  const [url, setUrl] = useState<string | undefined>();
  useEffect(() => {
    let made: string | undefined;
    let stale = false;
    getBridge()
      .api.browserSlice(file.id, path, [null])
      .then((s) => {
        if (stale) return;
        made = URL.createObjectURL(new Blob([Uint8Array.from(s.values)], { type: 'image/png' }));
        setUrl(made);
      }, report);
    return () => {
      stale = true;
      if (made) URL.revokeObjectURL(made);
    };
  }, [file, path, report]);
  return url;
}

/** Writes datasets of the file to a CSV or NPY file; `message` says what was written. */
export function useBrowserExport(file: OpenFile): { message: string; write(paths: string[], ranges: Range[], format: 'csv' | 'npy', target: string): void } {
  const report = useReportError();
  const [message, setMessage] = useState('');
  const write = (paths: string[], ranges: Range[], format: 'csv' | 'npy', target: string) => {
    getBridge()
      .api.browserExport(file.id, paths, ranges, format, target)
      .then((r) => setMessage(`Written ${r.file} (${r.bytes} bytes)`), report);
  };
  return { message, write };
}

/** `name` in the export folder (a trailing separator of the folder is not doubled). */
export function inFolder(folder: string, name: string): string {
  return `${folder.replace(/[\\/]$/, '')}/${name}`;
}
