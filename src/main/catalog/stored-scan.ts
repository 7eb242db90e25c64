// Reads a stored scan's data lazily from its file: one channel at a time, {timestamp, value} like BEC's
// `devices.<device>.<signal>.read()`, and the baseline (motor positions at start and end).
import { existsSync } from 'node:fs';
import { DaqError } from '../../shared/errors.ts';
import type { ScanRow } from '../../shared/history.ts';
import { loadH5wasm, openNexusSync, type H5 } from '../storage/nexus-reader.ts';


export interface SignalData {
  timestamp: number[];
  value: (number | number[])[];
}

let loaded: H5 | undefined;
/** Scripts read synchronously (BEC's read()); they load h5wasm once up front with this. */
export async function preloadReader(): Promise<void> {
  loaded = await loadH5wasm();
}

async function openRead(row: ScanRow): Promise<InstanceType<H5['File']>> {
  loaded ??= await loadH5wasm();
  return openReadSync(row);
}

function openReadSync(row: ScanRow): InstanceType<H5['File']> {
  if (!row.file) throw new DaqError('NOT_FOUND', `Scan ${row.scanNumber} has no data file (it was not saved).`);
  if (!existsSync(row.file)) throw new DaqError('NOT_FOUND', `The file of scan ${row.scanNumber}, ${row.file}, is missing (moved or deleted). Run \`daq catalog rebuild\` if it was moved.`);
  const h5 = loaded;
  if (!h5) throw new DaqError('INTERNAL', 'The HDF5 reader is not loaded: call preloadReader() first.');
  try {
    return openNexusSync(h5, row.file).file;
  } catch (err) {
    throw new DaqError('IO_ERROR', `Cannot read ${row.file}: ${(err as Error).message}.`);
  }
}

function numbers(v: unknown): number[] {
  if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<number | bigint>, Number);
  if (Array.isArray(v)) return v.map(Number);
  return [Number(v)];
}

/** The channel of `device` (its value or data) with one timestamp per point. */
export async function readSignal(row: ScanRow, device: string, signal = device): Promise<SignalData> {
  loaded ??= await loadH5wasm();
  return readSignalSync(row, device, signal);
}

export function readSignalSync(row: ScanRow, device: string, signal = device): SignalData {
  const f = openReadSync(row);
  try {
    const base = `${row.entry}/instrument/${device}`;
    const g = f.get(base) as InstanceType<H5['Group']> | null;
    if (!g || typeof (g as { keys?: unknown }).keys !== 'function') {
      throw new DaqError('NOT_FOUND', `Scan ${row.scanNumber} has no device "${device}". It recorded: ${[...row.motors, ...row.detectors].join(', ')}.`);
    }
    const keys = g.keys();
    const name = signal === device ? (keys.includes('value') ? 'value' : 'data') : signal;
    if (!keys.includes(name) || name === 'settings') throw new DaqError('NOT_FOUND', `Device "${device}" of scan ${row.scanNumber} has no signal "${signal}". Its signal is "${device}" (and "epoch").`);
    const ds = g.get(name) as InstanceType<H5['Dataset']>;
    const shape = ds.shape ?? [];
    if (shape.length > 2) throw new DaqError('BAD_ARGUMENTS', `"${device}" holds images (${shape.join('×')}); read them slice by slice in the Browser or with h5py, not as one list.`);
    const raw = ds.value;
    const value: (number | number[])[] = [];
    if (shape.length === 2) {
      const flat = numbers(raw);
      for (let i = 0; i < shape[0]!; i++) value.push(flat.slice(i * shape[1]!, (i + 1) * shape[1]!));
    } else value.push(...numbers(raw));
    const timestamp = keys.includes('epoch') ? numbers((g.get('epoch') as InstanceType<H5['Dataset']>).value) : [];
    return { timestamp, value };
  } finally {
    f.close();
  }
}

/** Motor positions at start and end of the scan. */
export async function readBaseline(row: ScanRow): Promise<{ start: Record<string, number>; end: Record<string, number> }> {
  loaded ??= await loadH5wasm();
  return readBaselineSync(row);
}

export function readBaselineSync(row: ScanRow): { start: Record<string, number>; end: Record<string, number> } {
  const f = openReadSync(row);
  try {
    const out = { start: {} as Record<string, number>, end: {} as Record<string, number> };
    for (const [key, group] of [['start', 'positioners_start'], ['end', 'positioners_end']] as const) {
      const g = f.get(`${row.entry}/instrument/${group}`) as { keys?: () => string[]; get(n: string): { value: unknown } } | null;
      if (!g?.keys) continue;
      for (const m of g.keys()) out[key][m] = Number(g.get(m).value);
    }
    return out;
  } finally {
    f.close();
  }
}

/** Every 0-D channel of a scan, for plots and exports: names, values per point, epoch per point. */
export async function readScalars(row: ScanRow): Promise<{ columns: Record<string, number[]>; epoch: number[]; units: Record<string, string> }> {
  const f = await openRead(row);
  try {
    const columns: Record<string, number[]> = {};
    const units: Record<string, string> = {};
    let epoch: number[] = [];
    for (const dev of [...row.motors, ...row.detectors]) {
      const g = f.get(`${row.entry}/instrument/${dev}`) as { keys?: () => string[]; get(n: string): unknown } | null;
      if (!g?.keys) continue;
      const name = g.keys().includes('value') ? 'value' : 'data';
      const ds = g.get(name) as InstanceType<H5['Dataset']>;
      if ((ds.shape ?? []).length !== 1) continue;
      columns[dev] = numbers(ds.value);
      const u = ds.attrs?.units ? ds.get_attribute('units', false) : '';
      units[dev] = typeof u === 'string' ? u : '';
      if (epoch.length === 0 && g.keys().includes('epoch')) epoch = numbers((g.get('epoch') as InstanceType<H5['Dataset']>).value);
    }
    return { columns, epoch, units };
  } finally {
    f.close();
  }
}

/** What an export needs of a scan: every 0-D channel, one sum per frame of every array detector, the times. */
export interface ExportColumns {
  /** 0-D channels (motors and detectors) by device name. */
  columns: Record<string, number[]>;
  /** Per-point sums of the spectra and images, by device name. */
  sums: Record<string, number[]>;
  units: Record<string, string>;
  /** UTC epoch seconds per point. */
  epoch: number[];
  /** The count time per point (the entry's exp_time), when the file has it. */
  expTime: number | null;
  /** Points recorded: the longest channel (a scan with no detector still has its times and positions). */
  points: number;
}

/** Elements read at once when summing frames: large enough for speed, small enough for a 2 GB camera scan. */
const SUM_BLOCK = 1 << 22;

/** Sums of each row of an [n, ...] dataset, read a block of rows at a time. */
function rowSums(ds: InstanceType<H5['Dataset']>, shape: number[]): number[] {
  const n = shape[0] ?? 0;
  const rowSize = shape.slice(1).reduce((a, b) => a * b, 1);
  const rowsPerBlock = Math.max(1, Math.floor(SUM_BLOCK / Math.max(1, rowSize)));
  const out: number[] = [];
  for (let start = 0; start < n; start += rowsPerBlock) {
    const stop = Math.min(n, start + rowsPerBlock);
    const block = ds.slice([[start, stop]]) as unknown as ArrayLike<number | bigint>;
    for (let r = 0; r < stop - start; r++) {
      let s = 0;
      for (let k = r * rowSize; k < (r + 1) * rowSize; k++) s += Number(block[k]);
      out.push(s);
    }
  }
  return out;
}

/**
 * Every scalar column an export can write. A scan without a 0-D detector still has one row per point: its
 * motors, its times, and the per-frame sum of each spectrum or image (ROIs are not stored in scan files).
 */
export async function readExportColumns(row: ScanRow): Promise<ExportColumns> {
  const f = await openRead(row);
  try {
    const out: ExportColumns = { columns: {}, sums: {}, units: {}, epoch: [], expTime: null, points: 0 };
    for (const dev of [...row.motors, ...row.detectors]) {
      const g = f.get(`${row.entry}/instrument/${dev}`) as { keys?: () => string[]; get(n: string): unknown } | null;
      if (!g?.keys) continue;
      const keys = g.keys();
      const name = keys.includes('value') ? 'value' : 'data';
      if (!keys.includes(name)) continue;
      const ds = g.get(name) as InstanceType<H5['Dataset']>;
      const shape = ds.shape ?? [];
      if (shape.length === 0) continue;
      if (shape.length === 1) out.columns[dev] = numbers(ds.value);
      else out.sums[dev] = rowSums(ds, shape);
      out.points = Math.max(out.points, shape[0]!);
      const u = ds.attrs?.units ? ds.get_attribute('units', false) : '';
      out.units[dev] = typeof u === 'string' ? u : '';
      if (out.epoch.length === 0 && keys.includes('epoch')) out.epoch = numbers((g.get('epoch') as InstanceType<H5['Dataset']>).value);
    }
    // No device recorded times (a count without detectors): the measurement group's own times, if any.
    if (out.epoch.length === 0) {
      const m = f.get(`${row.entry}/measurement`) as { keys?: () => string[]; get(n: string): unknown } | null;
      const keys = m?.keys?.() ?? [];
      if (keys.includes('epoch')) out.epoch = numbers((m!.get('epoch') as InstanceType<H5['Dataset']>).value);
      else if (keys.includes('elapsed_time')) out.epoch = numbers((m!.get('elapsed_time') as InstanceType<H5['Dataset']>).value).map((t) => row.startTime + t);
    }
    out.points = Math.max(out.points, out.epoch.length);
    const e = f.get(`${row.entry}/exp_time`) as InstanceType<H5['Dataset']> | null;
    if (e && typeof (e as { shape?: unknown }).shape !== 'undefined') {
      const t = Number(numbers(e.value)[0]);
      if (Number.isFinite(t)) out.expTime = t;
    }
    return out;
  } finally {
    f.close();
  }
}

/** What the start document holds beyond the catalog row, read back from the entry (absent fields stay unset). */
export interface EntryDocFields {
  num_points: number | null;
  exp_time: number | null;
  app_version: string;
  instrument_config: string;
  positioners_start: Record<string, number>;
  positioner_units: Record<string, string>;
  positioners_end: Record<string, number>;
}

export function readEntryDocFieldsSync(row: ScanRow): EntryDocFields {
  const f = openReadSync(row);
  try {
    type Node = { keys?: () => string[]; get(n: string): Node; value: unknown; attrs?: Record<string, unknown>; get_attribute(n: string, j: boolean): unknown };
    const entry = f.get(row.entry) as Node | null;
    const has = (g: Node | null, n: string) => !!g?.keys && g.keys().includes(n);
    const text = (n: string) => (has(entry, n) ? String(entry!.get(n).value) : '');
    const num = (n: string) => (has(entry, n) ? Number(numbers(entry!.get(n).value)[0]) : Number.NaN);
    const out: EntryDocFields = { num_points: null, exp_time: null, app_version: '', instrument_config: text('instrument_config'), positioners_start: {}, positioner_units: {}, positioners_end: {} };
    const planned = num('num_points_planned');
    if (Number.isFinite(planned) && planned >= 0) out.num_points = planned;
    const t = num('exp_time');
    if (Number.isFinite(t)) out.exp_time = t;
    if (has(entry, 'program_name')) {
      const v = entry!.get('program_name');
      if (v.attrs && 'version' in v.attrs) out.app_version = String(v.get_attribute('version', true));
    }
    const instrument = has(entry, 'instrument') ? entry!.get('instrument') : null;
    for (const [group, key] of [['positioners_start', 'positioners_start'], ['positioners_end', 'positioners_end']] as const) {
      if (!has(instrument, group)) continue;
      const g = instrument!.get(group);
      for (const m of g.keys!()) {
        const ds = g.get(m);
        out[key][m] = Number(numbers(ds.value)[0]);
        if (key === 'positioners_start' && ds.attrs && 'units' in ds.attrs) out.positioner_units[m] = String(ds.get_attribute('units', true));
      }
    }
    return out;
  } finally {
    f.close();
  }
}
