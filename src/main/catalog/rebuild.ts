// Re-creates the catalog from the data files (the source of truth): every NXentry with a scan_uid in every
// .h5 file under the base path, and in every other file the catalog knows that still exists, becomes a row. Rows whose files are gone are kept and reported, never dropped
// silently. Entries are read with h5wasm, a few small datasets each — never the data.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { RebuildReport } from '../../shared/history.ts';
import { loadH5wasm, openNexusSync, type H5, type H5File } from '../storage/nexus-reader.ts';
import type { Catalog, UpsertScan } from './catalog.ts';

type Group = InstanceType<H5['Group']>;

function* h5Files(dir: string): Generator<string> {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* h5Files(p);
    else if (e.isFile() && /\.(h5|hdf5|nxs)$/i.test(e.name)) yield p;
  }
}

function str(g: Group, name: string): string | undefined {
  if (!g.keys().includes(name)) return undefined;
  const v = (g.get(name) as { value: unknown }).value;
  return typeof v === 'string' ? v : v === undefined || v === null ? undefined : String(v);
}

/** A JSON dataset written by the writer (scan_info/md …), or undefined when absent or unreadable. */
function json(g: Group | undefined, name: string): unknown {
  const text = g ? str(g, name) : undefined;
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function num(g: Group, name: string): number | undefined {
  if (!g.keys().includes(name)) return undefined;
  const v = (g.get(name) as { value: unknown }).value;
  const n = typeof v === 'bigint' ? Number(v) : Number(v);
  return Number.isFinite(n) ? n : undefined;
}

/** Reads one entry back into a catalog row, or undefined when it is not one of our scans. */
export function rowFromEntry(h5: H5, file: string, f: InstanceType<H5['File']>, name: string): UpsertScan | undefined {
  const entry = f.get(name) as Group | null;
  if (!entry || typeof (entry as { keys?: unknown }).keys !== 'function') return undefined;
  const uid = str(entry, 'scan_uid');
  if (!uid) return undefined;
  // Continuous-saving files share the layout but are not scans: the History lists scans only.
  if (str(entry, 'plan_name') === 'continuous_saving') return undefined;
  const inst = entry.keys().includes('instrument') ? (entry.get('instrument') as Group) : undefined;
  const motors: string[] = [];
  const detectors: string[] = [];
  let firstEpoch: number | undefined;
  let points = 0;
  for (const dev of inst?.keys() ?? []) {
    const g = inst!.get(dev) as Group;
    const cls = g.attrs?.NX_class ? String(g.get_attribute('NX_class', false)) : '';
    if (cls === 'NXpositioner') motors.push(dev);
    else if (cls === 'NXdetector') detectors.push(dev);
    else continue;
    if (g.keys().includes('epoch')) {
      const e = g.get('epoch') as InstanceType<H5['Dataset']>;
      const n = e.shape?.[0] ?? 0;
      points = Math.max(points, n);
      if (n > 0 && firstEpoch === undefined) firstEpoch = Number((e.slice([[0, 1]]) as Float64Array)[0]);
    }
  }
  const start = str(entry, 'start_time');
  const end = str(entry, 'end_time');
  // scan_info/ (files since the catalog-equal rebuild) holds what the catalog holds: md, device order, exact times.
  const info = entry.keys().includes('scan_info') ? (entry.get('scan_info') as Group) : undefined;
  const infoMd = json(info, 'md');
  const infoMdEnd = json(info, 'md_end');
  const infoMotors = json(info, 'motors');
  const infoDetectors = json(info, 'detectors');
  const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
  let md: Record<string, unknown> = {};
  if (infoMd && typeof infoMd === 'object' && !Array.isArray(infoMd)) {
    md = infoMd as Record<string, unknown>;
    // The live catalog keeps END metadata under md._end (catalog.ts): the same here.
    if (infoMdEnd && typeof infoMdEnd === 'object' && Object.keys(infoMdEnd).length) md._end = infoMdEnd;
  } else if (entry.keys().includes('sample')) {
    const sg = entry.get('sample') as Group;
    const sample: Record<string, unknown> = {};
    for (const k of sg.keys()) {
      const v = (sg.get(k) as { value?: unknown }).value;
      if (typeof v === 'string' || typeof v === 'number') sample[k] = v;
    }
    if (Object.keys(sample).length) md.sample = sample;
  }
  const exit = str(entry, 'exit_status');
  let planArgs: Record<string, unknown>;
  try {
    planArgs = JSON.parse(str(entry, 'plan_args') ?? '{}') as Record<string, unknown>;
  } catch {
    planArgs = {};
  }
  const startEpoch = info ? num(info, 'start_epoch') : undefined;
  const endEpoch = info ? num(info, 'end_epoch') : undefined;
  const startTime = startEpoch ?? (start ? Date.parse(start) / 1000 : (firstEpoch ?? statSync(file).mtimeMs / 1000));
  return {
    uid,
    scanNumber: num(entry, 'scan_number') ?? 0,
    planName: str(entry, 'plan_name') ?? '',
    title: str(entry, 'title') ?? '',
    status: end || exit ? 'finished' : 'running',
    exitStatus: exit ?? null,
    reason: str(entry, 'exit_reason') ?? '',
    startTime,
    endTime: end ? (endEpoch ?? Date.parse(end) / 1000) : null,
    numPoints: num(entry, 'num_points') ?? points,
    file,
    entry: name,
    motors: strings(infoMotors) ? infoMotors : motors,
    detectors: strings(infoDetectors) ? infoDetectors : detectors,
    md,
    planArgs,
    seed: num(entry, 'seed') ?? null,
  };
}

export async function rebuildCatalog(catalog: Catalog, basePath: string): Promise<RebuildReport> {
  const t0 = performance.now();
  const h5 = await loadH5wasm();
  const report: RebuildReport = { files: 0, scans: 0, missing: [], unreadable: [], seconds: 0 };
  const seen = new Set<string>();
  const rows: UpsertScan[] = [];
  const read = new Set<string>();
  const readFile = (file: string) => {
    read.add(file);
    let f: H5File;
    try {
      f = openNexusSync(h5, file).file;
    } catch (err) {
      report.unreadable.push({ file, problem: (err as Error).message });
      return;
    }
    report.files += 1;
    try {
      for (const name of f.keys()) {
        const row = rowFromEntry(h5, file, f, name);
        if (row) {
          rows.push(row);
          seen.add(row.uid);
        }
      }
    } catch (err) {
      report.unreadable.push({ file, problem: (err as Error).message });
    } finally {
      f.close();
    }
  };
  for (const file of h5Files(basePath)) readFile(file);
  // Files the catalog knows outside the base path (it was changed since, or scans were written elsewhere) are
  // read too, where they still are: a base path change does not turn existing scans into "gone or moved".
  for (const r of catalog.db.prepare('SELECT DISTINCT file FROM scans').all() as { file: string }[]) {
    if (r.file && !read.has(r.file) && existsSync(r.file)) readFile(r.file);
  }
  catalog.db.transaction(() => {
    for (const r of rows) catalog.upsert(r);
  })();
  report.scans = rows.length;
  // Rows the files no longer back: kept (their metadata may be all that is left), and reported.
  for (const r of catalog.db.prepare('SELECT uid, scan_number, file FROM scans').all() as { uid: string; scan_number: number; file: string }[]) {
    if (!seen.has(r.uid)) report.missing.push({ uid: r.uid, scanNumber: r.scan_number, file: r.file });
  }
  report.seconds = (performance.now() - t0) / 1000;
  return report;
}
