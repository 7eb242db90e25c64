// Writes one scan as an NXentry, in the layout of docs/file-format.md (BLISS/silx naming):
//   /<n>.1 NXentry  title start_time scan_uid scan_number plan_name plan_args seed program_name … end_time (last)
//     instrument/<motor>/value, instrument/<detector>/data (+ epoch per device), positioners_start|end
//     measurement/ (links to every channel)   plotselect/ NXdata (@signal @axes, the @default target)
//     sample/ and metadata groups from md ("key@units", "@NX_class")
// It runs inside the writer worker on an open h5wasm File. SWMR allows no new objects once it has started, so
// everything a point needs is created up front; what only the end knows is written after SWMR, on reopening.
import type { DescriptorDoc, StartDoc, StopDoc } from '../../shared/documents.ts';
import type { CompressionLib } from '../../shared/compression.ts';
import { datasetCompression } from './codecs.ts';
import { isoLocal } from './file-names.ts';

type H5 = typeof import('h5wasm/node');
type Group = InstanceType<H5['Group']>;
type Dataset = InstanceType<H5['Dataset']>;

export interface Compression {
  kind: CompressionLib;
  level: number;
}

/** One growing dataset: its path and the element count of one row. */
export interface Channel {
  key: string;
  path: string;
  epochPath: string;
  rowSize: number;
  shape: number[];
  array: 'float64' | 'uint16' | 'uint32' | 'float32';
}

export function setAttr(obj: { create_attribute(name: string, data: unknown): void; attrs: Record<string, unknown> }, name: string, value: string | string[] | number): void {
  if (name in obj.attrs) (obj as unknown as { delete_attribute(n: string): void }).delete_attribute(name);
  obj.create_attribute(name, value as string);
}

function group(parent: Group, name: string, nxClass: string): Group {
  const g = parent.create_group(name);
  setAttr(g, 'NX_class', nxClass);
  return g;
}

/** Writes one value as a dataset; `asFloat` keeps measured quantities float64 even when they are whole. */
function scalar(parent: Group, name: string, value: unknown, units?: string, asFloat = false): void {
  let ds: Dataset;
  if (typeof value === 'number') {
    ds = !asFloat && Number.isInteger(value) && Math.abs(value) < 2 ** 53
      ? parent.create_dataset({ name, data: new BigInt64Array([BigInt(value)]), shape: [] })
      : parent.create_dataset({ name, data: new Float64Array([value]), shape: [] });
  } else if (typeof value === 'boolean') {
    ds = parent.create_dataset({ name, data: new Uint8Array([value ? 1 : 0]), shape: [] });
    setAttr(ds, 'boolean', 'true');
  } else if (typeof value === 'string') {
    ds = parent.create_dataset({ name, data: value });
  } else if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    ds = parent.create_dataset({ name, data: Float64Array.from(value as number[]) });
  } else if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string')) {
    ds = parent.create_dataset({ name, data: value as string[] });
  } else {
    ds = parent.create_dataset({ name, data: JSON.stringify(value ?? null) });
    setAttr(ds, 'format', 'json');
  }
  if (units) setAttr(ds, 'units', units);
}

/** Safe HDF5 link names: no "/" and not "." or "..". */
function safeName(k: string): string {
  const s = k.replace(/\//g, '_');
  return s === '.' || s === '..' || s === '' ? `_${s}` : s;
}

/**
 * Writes nested metadata: objects become groups (NXcollection unless "@NX_class" says otherwise), scalars and
 * arrays datasets; "name@units" puts a units attribute on dataset "name"; "@attr" sets a group attribute.
 */
export function writeMetadata(parent: Group, obj: Record<string, unknown>, defaultClass = 'NXcollection'): void {
  const attrs: [string, unknown][] = [];
  const units = new Map<string, string>();
  for (const [k, v] of Object.entries(obj)) {
    if (k.startsWith('@')) attrs.push([k.slice(1), v]);
    else if (k.includes('@')) {
      const [name, attr] = k.split('@', 2) as [string, string];
      if (attr === 'units' && typeof v === 'string') units.set(name, v);
      else attrs.push([`${name}_${attr}`, v]);
    }
  }
  if (!attrs.some(([a]) => a === 'NX_class')) setAttr(parent as never, 'NX_class', defaultClass);
  for (const [a, v] of attrs) setAttr(parent as never, a, typeof v === 'number' ? v : typeof v === 'string' ? v : JSON.stringify(v));
  const existing = new Set(parent.keys());
  for (const [k, v] of Object.entries(obj)) {
    if (k.includes('@')) continue;
    const name = safeName(k);
    if (existing.has(name)) continue;
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const g = parent.create_group(name);
      writeMetadata(g, v as Record<string, unknown>, name === 'sample' ? 'NXsample' : 'NXcollection');
    } else {
      scalar(parent, name, v, units.get(k));
    }
  }
}

const ARRAY: Record<string, Channel['array']> = { float64: 'float64', uint16: 'uint16', uint32: 'uint32', float32: 'float32' };

function emptyOf(kind: Channel['array']) {
  switch (kind) {
    case 'uint16':
      return new Uint16Array(0);
    case 'uint32':
      return new Uint32Array(0);
    case 'float32':
      return new Float32Array(0);
    default:
      return new Float64Array(0);
  }
}

/** Creates the whole entry (before SWMR starts) and returns its growing channels. */
export function createEntry(root: Group, entryName: string, start: StartDoc, desc: DescriptorDoc, compression: Compression): Channel[] {
  const entry = group(root, entryName, 'NXentry');
  setAttr(entry, 'default', 'plotselect');
  scalar(entry, 'title', start.title);
  scalar(entry, 'start_time', isoLocal(start.time));
  scalar(entry, 'scan_uid', start.uid);
  scalar(entry, 'scan_number', start.scan_number);
  scalar(entry, 'plan_name', start.plan_name);
  scalar(entry, 'plan_args', JSON.stringify(start.plan_args));
  scalar(entry, 'seed', start.seed);
  scalar(entry, 'exp_time', start.exp_time, 's', true);
  scalar(entry, 'num_points_planned', start.num_points ?? -1);
  const program = entry.create_dataset({ name: 'program_name', data: 'DAQ Studio' });
  setAttr(program, 'version', start.app_version);
  scalar(entry, 'instrument_config', start.instrument_config);

  const instrument = group(entry, 'instrument', 'NXinstrument');
  const measurement = group(entry, 'measurement', 'NXcollection');
  const channels: Channel[] = [];
  // The filter plugins (blosc, bitshuffle, lz4, bzip2) are loaded with h5wasm (storage/h5wasm.ts).
  const gz = datasetCompression(compression.kind, compression.level);
  for (const [key, dk] of Object.entries(desc.data_keys)) {
    const isMotor = start.motors.includes(key);
    const dev = group(instrument, safeName(key), isMotor ? 'NXpositioner' : 'NXdetector');
    const kind = ARRAY[dk.dtype_numpy ?? 'float64'] ?? 'float64';
    const rowSize = dk.shape.reduce((a, b) => a * b, 1);
    const name = isMotor ? 'value' : 'data';
    // One frame (or ~64 kB of scalars/spectra) per chunk: a frame is read in one go, appends stay cheap.
    const rowsPerChunk = dk.shape.length >= 2 ? 1 : Math.max(1, Math.min(8192, Math.floor(8192 / rowSize)));
    const ds = dev.create_dataset({ name, data: emptyOf(kind), shape: [0, ...dk.shape], maxshape: [null, ...dk.shape], chunks: [rowsPerChunk, ...dk.shape], ...gz });
    if (dk.units) setAttr(ds, 'units', dk.units);
    if (dk.shape.length === 2) setAttr(ds, 'interpretation', 'image');
    else if (dk.shape.length === 1) setAttr(ds, 'interpretation', 'spectrum');
    const epoch = dev.create_dataset({ name: 'epoch', data: new Float64Array(0), shape: [0], maxshape: [null], chunks: [8192], ...gz });
    setAttr(epoch, 'units', 's');
    setAttr(epoch, 'long_name', 'time of the point, UTC epoch seconds');
    const conf = desc.configuration[key];
    if (conf) writeMetadata(dev.create_group('settings'), conf);
    const path = `/${entryName}/instrument/${safeName(key)}/${name}`;
    measurement.create_soft_link(path, safeName(key));
    channels.push({ key, path, epochPath: `/${entryName}/instrument/${safeName(key)}/epoch`, rowSize, shape: dk.shape, array: kind });
  }
  if (channels[0]) measurement.create_soft_link(channels[0].epochPath, 'epoch');

  const pstart = group(instrument, 'positioners_start', 'NXcollection');
  for (const [m, v] of Object.entries(start.positioners_start)) scalar(pstart, m, v, start.positioner_units[m], true);

  // Metadata: md.instrument goes under instrument/, md.sample into an NXsample, the rest next to them.
  const md = { ...start.md } as Record<string, unknown>;
  if (md.instrument && typeof md.instrument === 'object') {
    writeMetadata(instrument, md.instrument as Record<string, unknown>, 'NXinstrument');
    delete md.instrument;
  }
  const sample = md.sample && typeof md.sample === 'object' ? (md.sample as Record<string, unknown>) : {};
  delete md.sample;
  writeMetadata(group(entry, 'sample', 'NXsample'), sample, 'NXsample');
  for (const [k, v] of Object.entries(md)) {
    const name = safeName(k);
    if (entry.keys().includes(name)) continue;
    if (v && typeof v === 'object' && !Array.isArray(v)) writeMetadata(entry.create_group(name), v as Record<string, unknown>);
    else scalar(entry, name, v);
  }

  // The default plot: first 0-D detector against the first motor (or the point index), others as auxiliary.
  const plot = group(entry, 'plotselect', 'NXdata');
  const scalars = channels.filter((c) => c.rowSize === 1);
  const signals = scalars.filter((c) => !start.motors.includes(c.key));
  const signal = signals.find((c) => c.key === start.detectors[0]) ?? signals[0];
  const axis = scalars.find((c) => c.key === start.motors[0]);
  if (signal) {
    plot.create_soft_link(signal.path, safeName(signal.key));
    setAttr(plot, 'signal', safeName(signal.key));
    const aux = signals.filter((c) => c !== signal);
    for (const c of aux) plot.create_soft_link(c.path, safeName(c.key));
    if (aux.length) setAttr(plot, 'auxiliary_signals', aux.map((c) => safeName(c.key)));
  } else if (channels[0]) {
    plot.create_soft_link(channels[0].path, safeName(channels[0].key));
    setAttr(plot, 'signal', safeName(channels[0].key));
  }
  if (axis) {
    plot.create_soft_link(axis.path, safeName(axis.key));
    setAttr(plot, 'axes', [safeName(axis.key)]);
  } else {
    setAttr(plot, 'axes', ['.']);
  }
  scalar(plot, 'title', start.title);
  return channels;
}

/** After the scan (file reopened without SWMR): the end state, with end_time written last. */
export function finishEntry(root: Group, entryName: string, stop: StopDoc, units: Record<string, string> = {}): void {
  const entry = root.get(entryName) as Group;
  const instrument = entry.get('instrument') as Group;
  const has = (g: Group, n: string) => g.keys().includes(n);
  if (!has(instrument, 'positioners_end')) {
    const pend = group(instrument, 'positioners_end', 'NXcollection');
    for (const [m, v] of Object.entries(stop.positioners_end)) scalar(pend, m, v, units[m], true);
  }
  for (const [category, values] of Object.entries(stop.md_end ?? {})) {
    const parent = category === 'instrument' ? instrument : entry;
    if (!has(parent, category) && category !== 'instrument') writeMetadata(parent.create_group(safeName(category)), values);
    else if (category === 'instrument') writeMetadata(instrument, values, 'NXinstrument');
  }
  if (!has(entry, 'exit_status')) scalar(entry, 'exit_status', stop.exit_status);
  if (!has(entry, 'exit_reason')) scalar(entry, 'exit_reason', stop.reason);
  if (!has(entry, 'num_points')) scalar(entry, 'num_points', stop.num_events);
  if (!has(entry, 'end_time')) scalar(entry, 'end_time', isoLocal(stop.time)); // last: a finished scan has it
}
