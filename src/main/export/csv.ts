// CSV export of a scan's 0-D channels: one row per point with its sequence number and time stamp, motors first.
import { existsSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { DaqError } from '../../shared/errors.ts';
import type { ScanRow } from '../../shared/history.ts';
import { readScalars } from '../catalog/stored-scan.ts';

function cell(v: number | undefined): string {
  return v === undefined || !Number.isFinite(v) ? '' : String(v);
}

export async function exportCsv(row: ScanRow, file: string, overwrite = false): Promise<{ file: string; rows: number; columns: string[] }> {
  if (!existsSync(dirname(file))) throw new DaqError('IO_ERROR', `The folder ${dirname(file)} does not exist; create it or choose another output path.`);
  if (existsSync(file) && !overwrite) throw new DaqError('BAD_ARGUMENTS', `${file} exists. Choose another name (or --force to overwrite).`);
  const { columns, epoch, units } = await readScalars(row);
  const names = [...row.motors, ...row.detectors].filter((n) => n in columns);
  const header = ['seq_num', 'epoch (s)', ...names.map((n) => (units[n] ? `${n} (${units[n]})` : n))];
  const n = Math.max(epoch.length, ...names.map((k) => columns[k]!.length));
  const lines = [header.map((h) => (/[",]/.test(h) ? `"${h.replace(/"/g, '""')}"` : h)).join(',')];
  for (let i = 0; i < n; i++) lines.push([String(i + 1), cell(epoch[i]), ...names.map((k) => cell(columns[k]![i]))].join(','));
  try {
    writeFileSync(file, lines.join('\n') + '\n');
  } catch (err) {
    throw new DaqError('IO_ERROR', `Cannot write ${file}: ${(err as Error).message}.`);
  }
  return { file, rows: n, columns: header };
}
