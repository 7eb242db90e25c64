// A stored scan's 0-D channels, read back from its file (readScanColumns), for the History's plot, map and overlay.
// The file is the record: the History plots what was written, not what the catalog remembers.
import { useEffect, useState } from 'react';
import type { Api } from '../../shared/api.ts';
import type { ScanRow } from '../../shared/history.ts';
import { getBridge } from '../bridge.ts';
import { useReportError } from '../errors.tsx';

export type StoredColumns = Awaited<ReturnType<Api['readScanColumns']>>;

/** One scan's columns: undefined while reading, or when the scan was not saved. */
export function useStoredScan(row: ScanRow): StoredColumns | undefined {
  const report = useReportError();
  const [cols, setCols] = useState<StoredColumns | undefined>();
  useEffect(() => {
    let live = true;
    setCols(undefined);
    if (row.file)
      getBridge()
        .api.readScanColumns(row.uid)
        .then((c) => live && setCols(c), report);
    return () => {
      live = false;
    };
  }, [row, report]);
  return cols;
}

/** Several scans' columns, one slot per row: undefined while reading, null when not saved or unreadable. */
export function useStoredScans(rows: ScanRow[]): (StoredColumns | null | undefined)[] {
  const report = useReportError();
  const [loaded, setLoaded] = useState<(StoredColumns | null | undefined)[]>([]);
  useEffect(() => {
    let live = true;
    setLoaded(rows.map(() => undefined));
    rows.forEach((row, i) => {
      const done = (c: StoredColumns | null) => live && setLoaded((prev) => prev.map((p, j) => (j === i ? c : p)));
      if (!row.file) return done(null);
      getBridge()
        .api.readScanColumns(row.uid)
        .then(done, (err: unknown) => {
          done(null);
          report(err);
        });
    });
    return () => {
      live = false;
    };
  }, [rows, report]);
  return loaded;
}
