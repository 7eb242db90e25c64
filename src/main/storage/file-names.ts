// Where data files go, by PyMoDAQ's rules (local time in names):
//   scan datasets      <base>/<YYYY>/<YYYYMMDD>/Dataset_<YYYYMMDD>_<NNN>.h5   (NNN counts up on "New dataset")
//   continuous saving  <base>/<YYYY>/<YYYYMMDD>/<base name>_<YYYYMMDD>_<HH>_<MM>_<SS>.h5
// A name that exists is never overwritten: a suffix _1, _2 … is added.
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DaqError } from '../../shared/errors.ts';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export function ymd(d: Date): string {
  return `${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}`;
}

export function dayFolder(base: string, d: Date): string {
  return join(base, String(d.getFullYear()), ymd(d));
}

/** Creates the day folder, with an error that names the path and says what to do. */
export function ensureFolder(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOSPC') throw new DaqError('IO_ERROR', `No space left on device for ${dir} (0 kB free). Free some space (or choose another base path) and start again.`);
    throw new DaqError('IO_ERROR', `Cannot create the folder ${dir}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}. Check that the base path exists and is writable, or choose another base path.`);
  }
}

const DATASET = /^Dataset_(\d{8})_(\d{3,})\.h5$/;

/** The highest NNN among today's dataset files (0 when there is none). */
export function lastDatasetNumber(base: string, d: Date): number {
  const dir = dayFolder(base, d);
  if (!existsSync(dir)) return 0;
  let n = 0;
  for (const f of readdirSync(dir)) {
    const m = DATASET.exec(f);
    if (m && m[1] === ymd(d)) n = Math.max(n, Number(m[2]));
  }
  return n;
}

export function datasetFile(base: string, d: Date, n: number): string {
  return join(dayFolder(base, d), `Dataset_${ymd(d)}_${pad(n, 3)}.h5`);
}

/** Adds _1, _2 … before .h5 until the name is free. */
export function freeName(path: string): string {
  if (!existsSync(path)) return path;
  const stem = path.replace(/\.h5$/, '');
  for (let i = 1; ; i++) {
    const p = `${stem}_${i}.h5`;
    if (!existsSync(p)) return p;
  }
}

export function continuousFile(base: string, baseName: string, d: Date): string {
  return freeName(join(dayFolder(base, d), `${baseName}_${ymd(d)}_${pad(d.getHours())}_${pad(d.getMinutes())}_${pad(d.getSeconds())}.h5`));
}

/** ISO 8601 with the local offset, e.g. 2026-11-22T17:05:01.123+01:00 (NeXus NX_DATE_TIME). */
export function isoLocal(epochSeconds: number): string {
  const d = new Date(epochSeconds * 1000);
  const off = -d.getTimezoneOffset();
  const sign = off >= 0 ? '+' : '-';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}${sign}${pad(Math.floor(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`;
}
