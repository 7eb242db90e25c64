// Reads a stored scan's data lazily from its file: one channel at a time, {timestamp, value} like BEC's
// `devices.<device>.<signal>.read()`, and the baseline (motor positions at start and end).
import { existsSync } from 'node:fs';
import { DaqError } from '../../shared/errors.ts';
import type { ScanRow } from '../../shared/history.ts';
import { loadH5wasm } from '../storage/h5wasm.ts';

type H5 = Awaited<ReturnType<typeof loadH5wasm>>;

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
    return new h5.File(row.file, 'r');
  } catch {
    try {
      return new h5.File(row.file, 'Sr');
    } catch (err) {
      throw new DaqError('IO_ERROR', `Cannot read ${row.file}: ${(err as Error).message}.`);
    }
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
