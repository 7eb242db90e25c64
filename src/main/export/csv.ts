// CSV export of a scan's scalar channels: one row per recorded point with its sequence number and time stamp,
// motors first, then each detector (a spectrum or camera as its per-frame sum, "<name>_sum").
import { existsSync, lstatSync } from 'node:fs';
import { dirname } from 'node:path';
import { DaqError } from '../../shared/errors.ts';
import type { ScanRow } from '../../shared/history.ts';
import { csvCell, replaceFile, writeNewFile } from './safe-output.ts';
import { readScanTable } from './table.ts';

function cell(v: number | undefined): string {
  return v === undefined || !Number.isFinite(v) ? '' : String(v);
}

/** An existing file is refused with code EXISTS (a sentence naming no control) unless `overwrite`. */
export async function exportCsv(row: ScanRow, file: string, overwrite = false): Promise<{ file: string; rows: number; columns: string[] }> {
  if (!existsSync(dirname(file))) throw new DaqError('IO_ERROR', `The folder ${dirname(file)} does not exist; create it or choose another output path.`);
  // lstat, not exists: a dangling symlink counts as there (and its target is never created).
  let present = false;
  try {
    present = !!lstatSync(file);
  } catch {
    // a new file
  }
  if (present && !overwrite) throw new DaqError('EXISTS', `${file} exists. Overwrite it or choose another file name.`);
  const table = await readScanTable(row);
  const cols = [...table.motors, ...table.detectors];
  const header = ['seq_num', 'epoch (s)', ...cols.map((c) => (c.units ? `${c.label} (${c.units})` : c.label))];
  const n = table.points;
  const lines = [header.map(csvCell).join(',')];
  for (let i = 0; i < n; i++) lines.push([String(i + 1), cell(table.epoch[i]), ...cols.map((c) => cell(c.values[i]))].join(','));
  const text = lines.join('\n') + '\n';
  if (present) replaceFile(file, text);
  else writeNewFile(file, text);
  return { file, rows: n, columns: header };
}
