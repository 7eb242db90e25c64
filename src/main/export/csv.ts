// CSV export of a scan's 0-D channels: one row per point with its sequence number and time stamp, motors first.
import { existsSync, lstatSync, unlinkSync } from 'node:fs';
import { dirname } from 'node:path';
import { DaqError } from '../../shared/errors.ts';
import type { ScanRow } from '../../shared/history.ts';
import { readScalars } from '../catalog/stored-scan.ts';
import { csvCell, writeNewFile } from './safe-output.ts';

function cell(v: number | undefined): string {
  return v === undefined || !Number.isFinite(v) ? '' : String(v);
}

export async function exportCsv(row: ScanRow, file: string, overwrite = false): Promise<{ file: string; rows: number; columns: string[] }> {
  if (!existsSync(dirname(file))) throw new DaqError('IO_ERROR', `The folder ${dirname(file)} does not exist; create it or choose another output path.`);
  // lstat, not exists: a dangling symlink counts as there (and its target is never created).
  let present = false;
  try {
    present = !!lstatSync(file);
  } catch {
    // a new file
  }
  if (present && !overwrite) throw new DaqError('BAD_ARGUMENTS', `${file} exists. Choose another name (or --force to overwrite).`);
  const { columns, epoch, units } = await readScalars(row);
  const names = [...row.motors, ...row.detectors].filter((n) => n in columns);
  const header = ['seq_num', 'epoch (s)', ...names.map((n) => (units[n] ? `${n} (${units[n]})` : n))];
  const n = Math.max(epoch.length, ...names.map((k) => columns[k]!.length));
  const lines = [header.map(csvCell).join(',')];
  for (let i = 0; i < n; i++) lines.push([String(i + 1), cell(epoch[i]), ...names.map((k) => cell(columns[k]![i]))].join(','));
  // Overwriting replaces the entry (a link is removed, not followed); the new file is created exclusively.
  if (present && overwrite) unlinkSync(file);
  writeNewFile(file, lines.join('\n') + '\n');
  return { file, rows: n, columns: header };
}
