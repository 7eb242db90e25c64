// SPEC export: one SPEC scan per run, in the form silx.io.specfile, PyMca and spec2nexus read (see
// docs/history-and-export.md). Appending continues the #S numbering and writes a new header block only when the
// motor list changes (or a scan predates the header's #E: Epoch counts from #E, as in classic SPEC). Every
// recorded point has a row, also without 0-D detectors. Only finite numbers are written; anything replaced is
// said in a #C line. Appending happens only to a file that parses as SPEC (safe-output.ts for the rest).
import { existsSync, lstatSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { basename, dirname } from 'node:path';
import { DaqError } from '../../shared/errors.ts';
import type { ScanRow } from '../../shared/history.ts';
import { readBaseline } from '../catalog/stored-scan.ts';
import { escapeLine, openForAppend, replaceFile, writeNewFile, type AppendTarget } from './safe-output.ts';
import { meshOf, readScanTable } from './table.ts';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n: number) => String(n).padStart(2, '0');

/** "%a %b %d %H:%M:%S %Y" in local time. */
export function specDate(epoch: number): string {
  const d = new Date(epoch * 1000);
  return `${DAYS[d.getDay()]} ${MONTHS[d.getMonth()]} ${p2(d.getDate())} ${p2(d.getHours())}:${p2(d.getMinutes())}:${p2(d.getSeconds())} ${d.getFullYear()}`;
}

/** 12 significant digits; never NaN or Infinity (the caller replaces those). */
export function specNumber(v: number): string {
  return String(Number(v.toPrecision(12)));
}

function chunks<T>(list: T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += n) out.push(list.slice(i, i + n));
  return out.length ? out : [[]];
}

/** Highest scan number, the motor list and the #E of the last header in an existing SPEC file. */
export function readSpecState(text: string): { nextNumber: number; motors: string[]; epoch: number } {
  let count = 0;
  let highest = 0;
  let epoch = Number.NaN;
  let motors: string[] = [];
  let current: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line.startsWith('#S ')) {
      count += 1;
      highest = Math.max(highest, Number.parseInt(line.slice(3), 10) || 0);
    } else if (line.startsWith('#E ')) {
      epoch = Number(line.slice(3).trim());
    } else if (/^#O\d+/.test(line)) {
      if (line.startsWith('#O0')) current = [];
      current.push(...line.replace(/^#O\d+\s?/, '').split(/ {2,}/).filter(Boolean));
      motors = current;
    }
  }
  return { nextNumber: Math.max(count, highest) + 1, motors, epoch };
}

const NUMBER_TOKEN = /^([+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?|[+-]?(nan|inf|infinity))$/i;

/**
 * Why a file's content is not SPEC, or undefined: SPEC is UTF-8 text whose lines are "#" header lines, "@" MCA
 * lines or rows of numbers, with at least one #F or #S line. Appending to anything else (a shell start-up file,
 * settings.json, an HDF5 file) is refused.
 */
export function specFileProblem(bytes: Uint8Array): string | undefined {
  if (bytes.length === 0) return undefined;
  if (bytes.includes(0)) return 'it holds binary data';
  const text = Buffer.from(bytes).toString('utf8');
  if (text.includes('\ufffd')) return 'it is not UTF-8 text';
  let headed = false;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/\r$/, '');
    if (line.trim() === '') continue;
    if (line.startsWith('#')) {
      if (/^#[FS] /.test(line)) headed = true;
      continue;
    }
    if (!headed) return `line ${i + 1} comes before any #F or #S line`;
    if (line.startsWith('@')) continue;
    if (!line.trim().split(/\s+/).every((t) => NUMBER_TOKEN.test(t))) return `line ${i + 1} is neither a # line nor a row of numbers`;
  }
  return headed ? undefined : 'it has no #F or #S line';
}

function flatten(md: Record<string, unknown>, prefix = ''): [string, string][] {
  const out: [string, string][] = [];
  for (const [k, v] of Object.entries(md)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object' && !Array.isArray(v)) out.push(...flatten(v as Record<string, unknown>, key));
    else out.push([key, typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v))]);
  }
  return out;
}

export interface SpecResult {
  file: string;
  scans: { scanNumber: number; specNumber: number }[];
}

/**
 * `append`: add to an existing file; `overwrite`: replace it. With neither, an existing file is refused with
 * code EXISTS and a sentence that names no control (the CLI and the UI each say which of theirs to use).
 */
export async function exportSpec(rows: ScanRow[], file: string, append: boolean, version: string, overwrite = false): Promise<SpecResult> {
  if (append && overwrite) throw new DaqError('BAD_ARGUMENTS', 'Choose either to append to the SPEC file or to overwrite it, not both.');
  if (!existsSync(dirname(file))) throw new DaqError('IO_ERROR', `The folder ${dirname(file)} does not exist; create it or choose another output path.`);
  // lstat, not exists: a dangling symlink is "there" too, and is never followed.
  let present = false;
  try {
    lstatSync(file);
    present = true;
  } catch {
    // a new file
  }
  if (present && !append && !overwrite) throw new DaqError('EXISTS', `${file} exists. Append these scans to it, overwrite it, or choose another file name.`);
  // The file appended to is the one checked: read through the descriptor that is written.
  const target: AppendTarget | undefined = present && append ? openForAppend(file) : undefined;
  try {
    return await writeSpec(rows, file, target, version, present && overwrite);
  } finally {
    target?.close();
  }
}

/** A SPEC file header (#F #E #D #C #O #o); `separate` starts it with a blank line (a header after scans). */
function fileHeader(file: string, e0: number, version: string, motors: string[], separate: boolean): string[] {
  let user = 'unknown';
  try {
    user = userInfo().username;
  } catch {
    // no user database: keep "unknown"
  }
  return [
    `${separate ? '\n' : ''}#F ${escapeLine(basename(file))}`,
    `#E ${e0}`,
    `#D ${specDate(e0)}`,
    `#C DAQ Studio ${version}  user = ${escapeLine(user)}  host = ${escapeLine(hostname())}`,
    ...chunks(motors, 8).map((c, i) => `#O${i} ${c.map(escapeLine).join('  ')}`),
    ...chunks(motors, 8).map((c, i) => `#o${i} ${c.map(escapeLine).join('  ')}`),
  ];
}

async function writeSpec(rows: ScanRow[], file: string, target: AppendTarget | undefined, version: string, replace: boolean): Promise<SpecResult> {
  const problem = target ? specFileProblem(target.bytes) : undefined;
  if (problem) throw new DaqError('BAD_ARGUMENTS', `Cannot append to ${file}: it is not a SPEC file (${problem}). Append only to a SPEC file, or choose a new file name.`);
  const exists = !!target && target.bytes.length > 0;
  const state = exists ? readSpecState(target.bytes.toString('utf8')) : { nextNumber: 1, motors: undefined as string[] | undefined, epoch: Number.NaN };
  let headerMotors = state.motors;
  let headerEpoch = state.epoch;
  let next = state.nextNumber;
  const parts: string[] = [];
  const result: SpecResult = { file, scans: [] };
  // A new header's #E is the earliest start among these scans, so every Epoch in it is ≥ 0.
  const earliest = Math.floor(Math.min(...rows.map((r) => r.startTime)));
  // Everything is read before anything is written: a failure leaves the file as it was.
  for (const row of rows) {
    const [table, baseline] = await Promise.all([readScanTable(row), readBaseline(row)]);
    const { epoch, points } = table;
    const t0 = epoch[0] ?? row.startTime;
    const motorsO = Object.keys(baseline.start);
    if (!headerMotors || headerMotors.join('\u0000') !== motorsO.join('\u0000') || !(Math.min(t0, row.startTime) >= headerEpoch)) {
      const e0 = Math.min(earliest, Math.floor(Math.min(t0, row.startTime)));
      parts.push(...fileHeader(file, e0, version, motorsO, parts.length > 0 || exists));
      headerMotors = motorsO;
      headerEpoch = e0;
    }
    const n = next++;
    result.scans.push({ scanNumber: row.scanNumber, specNumber: n });
    // Classic SPEC's order: motors, Epoch (with Epoch_float beside it), the counters, and the first detector last
    // (SPEC tools plot the last column by default).
    // A mesh starts with the set points, fast motor first (SPEC's mesh columns; PyMca finds the grid from them).
    const dets = table.detectors;
    const orderedDets = dets.length > 1 ? [...dets.slice(1), dets[0]!] : dets;
    const mesh = meshOf(row, baseline.start, points, table.expTime);
    const before = [...(mesh?.setpoints ?? []), ...table.motors];
    const labels = [...before.map((c) => c.label), 'Epoch', 'Epoch_float', ...orderedDets.map((c) => c.label)];
    let replaced = 0;
    const lines: string[] = [];
    for (let i = 0; i < points; i++) {
      // Classic SPEC: Epoch counts seconds from the header's #E (whole seconds; Epoch_float keeps the fraction).
      const since = (epoch[i] ?? t0) - headerEpoch;
      const values = [...before.map((c) => c.values[i]), Math.floor(since), since, ...orderedDets.map((c) => c.values[i])];
      lines.push(values.map((v) => (v !== undefined && Number.isFinite(v) ? specNumber(v) : (replaced++, '0'))).join(' '));
    }
    const md: [string, string][] = [
      ['plan_name', row.planName],
      ...(mesh ? [['title', row.title] as [string, string]] : []),
      ['scan_number', String(row.scanNumber)],
      ['motors', row.motors.join(', ')],
      ['detectors', row.detectors.join(', ')],
      ['num_points', String(row.numPoints ?? points)],
      ['file', `${row.file}::/${row.entry}`],
      ...flatten(row.md),
    ];
    const date = specDate(row.startTime);
    parts.push(
      '',
      `#S ${n}  ${escapeLine(mesh?.command ?? (row.title || row.planName))}`,
      `#D ${date}`,
      ...(table.expTime !== null ? [`#T ${specNumber(table.expTime)}  (Seconds)`] : []),
      `#C ${date}.  uid = ${escapeLine(row.uid)}`,
      ...chunks(motorsO, 8).map((c, i) => `#P${i} ${c.map((m) => specNumber(baseline.start[m] ?? 0)).join(' ')}`),
      // Keys and values alike: a newline in either must not start a line of its own.
      ...md.map(([k, v]) => `#MD ${escapeLine(k)} = ${escapeLine(v)}`),
      `#N ${labels.length}`,
      `#L ${labels.map(escapeLine).join('  ')}`,
      ...lines,
      ...(replaced ? [`#C ${replaced} non-finite value(s) (NaN or infinity) were written as 0.`] : []),
      `#C ${specDate(row.endTime ?? row.startTime)}.  num_events_primary = ${points}`,
      `#C ${specDate(row.endTime ?? row.startTime)}.  exit_status = ${row.exitStatus ?? 'running'}${row.reason ? ` (${escapeLine(row.reason)})` : ''}`,
    );
  }
  const text = parts.join('\n') + '\n';
  if (target) target.append(text);
  else if (replace) replaceFile(file, text);
  else writeNewFile(file, text);
  return result;
}
