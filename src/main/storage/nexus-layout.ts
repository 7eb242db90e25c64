// Size (~340 lines): the one place the layout of docs/file-format.md is written; split further it would scatter the format.
// Writes one scan as an NXentry, in the layout of docs/file-format.md (BLISS/silx naming):
//   /<n>.1 NXentry  title start_time scan_uid scan_number plan_name plan_args seed program_name … end_time (last)
//     instrument/<motor>/value, instrument/<detector>/data (+ epoch per device), positioners_start|end
//     measurement/ (links to every channel, elapsed_time, epoch)   plotselect/ NXdata (the @default target)
//     instrument/positioners/<motor> (BLISS, PyMca), instrument/timer/{elapsed_time,epoch}
//     scan_info/ (count time, grid shape, detector order, md as JSON: what the catalog holds)
//     grid scans: plotselect/ is a 2-D map (n_slow, n_fast) of set points, scatter/ the measured positions
//     sample/ and metadata groups from md ("key@units", "@NX_class"); md names the writer uses go to user_md/
// It runs inside the writer worker on an open h5wasm File. SWMR allows no new objects once it has started, so
// everything a point needs is created up front; what only the end knows is written after SWMR, on reopening.
import type { DescriptorDoc, StartDoc, StopDoc } from '../../shared/documents.ts';
import type { CompressionLib } from '../../shared/compression.ts';
import { datasetCompression } from './codecs.ts';
import { isoLocal } from './file-names.ts';
import { group, scalar, safeName, setAttr, writeMetadata } from './nexus-primitives.ts';

export { setAttr, writeMetadata };

export { mapCell } from '../../shared/grid-map.ts';

type H5 = typeof import('h5wasm/node');
type Group = InstanceType<H5['Group']>;

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

/**
 * Names the writer uses at the entry level. User metadata never takes them (the scan's own fields always win,
 * and end_time is the "finished" marker recovery relies on): a top-level md key with one of these names is
 * written under user_md/ instead.
 */
export const RESERVED_ENTRY_NAMES: ReadonlySet<string> = new Set([
  'title', 'start_time', 'end_time', 'scan_uid', 'scan_number', 'plan_name', 'plan_args', 'seed', 'exp_time',
  'num_points_planned', 'num_points', 'exit_status', 'exit_reason', 'program_name', 'instrument_config',
  'daq_settings', 'measurement', 'plotselect', 'scatter', 'scan_info', 'screenshots', 'user_md',
]);
/** Names the writer uses inside instrument/ (besides the devices of the scan). */
export const RESERVED_INSTRUMENT_NAMES: ReadonlySet<string> = new Set(['positioners', 'positioners_start', 'positioners_end', 'timer']);
/** Attributes the writer owns on the entry and on instrument/: "@NX_class" or "@default" in md go to user_md/. */
const RESERVED_ATTRS: ReadonlySet<string> = new Set(['NX_class', 'default']);
export const USER_MD_GROUP = 'user_md';

/** Key of the elapsed-time "channel" (not a device name: device names never start with "@"). */
export const ELAPSED = '@elapsed_time';

/** The 2-D map of a grid scan: where point r of the scan goes, and which 0-D channels fill it. */
export interface MapLayout {
  /** [n_slow, n_fast]. */
  shape: [number, number];
  snake: boolean;
  /** Channel key (or ELAPSED) → path of its map dataset. */
  targets: { source: string; path: string }[];
}

/** What the worker needs to append points: every growing dataset, the timer and the map of a grid. */
export interface EntryLayout {
  channels: Channel[];
  timer: { epochPath: string; elapsedPath: string };
  map?: MapLayout;
}

/** Splits md keys into the ones that may go where asked and the ones that collide with the writer's names. */
function splitReserved(obj: Record<string, unknown>, names: (n: string) => boolean): { kept: Record<string, unknown>; diverted: Record<string, unknown> } {
  const kept: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  const diverted: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [k, v] of Object.entries(obj)) {
    if (k.startsWith('@')) {
      if (RESERVED_ATTRS.has(k.slice(1))) diverted[`@user_${k.slice(1)}`] = v;
      else kept[k] = v;
    } else if (names(safeName(k.split('@', 1)[0]!))) diverted[k] = v;
    else kept[k] = v;
  }
  return { kept, diverted };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

/** JSON text of a value; a script's generated metadata may not be JSON (a BigInt, a cycle): that never fails a scan. */
function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v) ?? 'null';
  } catch (err) {
    return JSON.stringify({ error: `not JSON: ${(err as Error).message}` });
  }
}

/** The BLISS-like scan_info group: count time, planned points, grid shape, and what the catalog holds. */
function writeScanInfo(entry: Group, start: StartDoc): void {
  const info = group(entry, 'scan_info', 'NXcollection');
  scalar(info, 'type', start.plan_name);
  scalar(info, 'count_time', start.exp_time, 's', true);
  scalar(info, 'npoints', start.num_points ?? -1);
  scalar(info, 'start_epoch', start.time, 's', true);
  // Order matters (the catalog, SPEC and CSV columns follow it): kept as JSON, which also holds an empty list.
  const json = (name: string, v: unknown) => {
    const ds = info.create_dataset({ name, data: safeJson(v) });
    setAttr(ds, 'format', 'json');
  };
  json('motors', start.motors);
  json('detectors', start.detectors);
  json('md', start.md);
  const grid = start.grid;
  scalar(info, 'data_dim', grid ? grid.shape.length : 1);
  if (grid) {
    // BLISS's amesh numbering: motor1/npoints1 is the fast (inner) axis, motor2/npoints2 the next slower one.
    const n = grid.shape.length;
    for (let k = 0; k < n; k++) {
      scalar(info, `npoints${k + 1}`, grid.shape[n - 1 - k]!);
      scalar(info, `motor${k + 1}`, grid.motors[n - 1 - k]!);
    }
    info.create_dataset({ name: 'grid_shape', data: new BigInt64Array(grid.shape.map((v) => BigInt(v))) });
    scalar(info, 'snake', grid.snake);
  }
}

/** User metadata: md.instrument under instrument/, md.sample in an NXsample, the rest in the entry; names the writer uses go to user_md/. */
function writeUserMetadata(entry: Group, instrument: Group, start: StartDoc, devices: Set<string>): void {
  const md = Object.assign(Object.create(null) as Record<string, unknown>, start.md);
  let userGroup: Group | undefined;
  const user = () => (userGroup ??= group(entry, USER_MD_GROUP, 'NXcollection'));
  if (isObject(md.instrument)) {
    const { kept, diverted } = splitReserved(md.instrument, (n) => RESERVED_INSTRUMENT_NAMES.has(n) || devices.has(n));
    writeMetadata(instrument, kept, null);
    if (Object.keys(diverted).length) writeMetadata(user().create_group('instrument'), diverted);
    delete md.instrument;
  }
  const sample = isObject(md.sample) ? md.sample : typeof md.sample === 'string' ? { name: md.sample } : {};
  // Any other kind of "sample" value (a number, a list) is not an NXsample: it goes to user_md/ below.
  if (isObject(md.sample) || typeof md.sample === 'string') delete md.sample;
  writeMetadata(group(entry, 'sample', 'NXsample'), sample, 'NXsample');
  const { kept, diverted } = splitReserved(md, (n) => RESERVED_ENTRY_NAMES.has(n) || n === 'sample' || n === 'instrument');
  writeMetadata(entry, kept, null);
  if (Object.keys(diverted).length) writeMetadata(user(), diverted);
}

/** Creates the whole entry (before SWMR starts) and returns what the worker appends to. */
/** Rows of a channel per chunk: one frame (or ~64 kB of scalars/spectra), so a frame is read in one go and appends stay cheap. */
export function rowsPerChunk(shape: number[]): number {
  const rowSize = shape.reduce((a, b) => a * b, 1);
  return shape.length >= 2 ? 1 : Math.max(1, Math.min(8192, Math.floor(8192 / rowSize)));
}

export function createEntry(root: Group, entryName: string, start: StartDoc, desc: DescriptorDoc, compression: Compression): EntryLayout {
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
  writeScanInfo(entry, start);

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
    const ds = dev.create_dataset({ name, data: emptyOf(kind), shape: [0, ...dk.shape], maxshape: [null, ...dk.shape], chunks: [rowsPerChunk(dk.shape), ...dk.shape], ...gz });
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

  // The scan's own clock (BLISS's timer): every scan has it, even one that records no detector at all.
  const timer = group(instrument, 'timer', 'NXcollection');
  const tEpoch = timer.create_dataset({ name: 'epoch', data: new Float64Array(0), shape: [0], maxshape: [null], chunks: [8192], ...gz });
  setAttr(tEpoch, 'units', 's');
  setAttr(tEpoch, 'long_name', 'time of the point, UTC epoch seconds');
  const tElapsed = timer.create_dataset({ name: 'elapsed_time', data: new Float64Array(0), shape: [0], maxshape: [null], chunks: [8192], ...gz });
  setAttr(tElapsed, 'units', 's');
  setAttr(tElapsed, 'long_name', 'time of the point since the scan started');
  const timerPaths = { epochPath: `/${entryName}/instrument/timer/epoch`, elapsedPath: `/${entryName}/instrument/timer/elapsed_time` };
  measurement.create_soft_link(timerPaths.elapsedPath, 'elapsed_time');
  measurement.create_soft_link(channels[0]?.epochPath ?? timerPaths.epochPath, 'epoch');

  const pstart = group(instrument, 'positioners_start', 'NXcollection');
  for (const [m, v] of Object.entries(start.positioners_start)) scalar(pstart, m, v, start.positioner_units[m], true);
  // BLISS/PyMca: instrument/positioners holds every motor, the scanned ones as their per-point readbacks.
  const positioners = group(instrument, 'positioners', 'NXcollection');
  const byKey = new Map(channels.map((c) => [c.key, c]));
  for (const m of start.motors) {
    const c = byKey.get(m);
    if (c) positioners.create_soft_link(c.path, safeName(m));
  }
  for (const [m, v] of Object.entries(start.positioners_start)) if (!start.motors.includes(m)) scalar(positioners, safeName(m), v, start.positioner_units[m], true);

  writeUserMetadata(entry, instrument, start, new Set(channels.map((c) => safeName(c.key))));

  const map = writePlots(entry, entryName, start, desc, byKey, timerPaths);
  return { channels, timer: timerPaths, map };
}

/**
 * The default plot (plotselect/): the first 0-D detector against the first motor (or the point index), the
 * others as auxiliary signals; with no 0-D detector the first spectrum, else the first camera, as a stack; with
 * no detector the elapsed time. A 2-D grid's plotselect/ is a map of set points and scatter/ keeps the
 * measured positions.
 */
function writePlots(entry: Group, entryName: string, start: StartDoc, desc: DescriptorDoc, byKey: Map<string, Channel>, timer: EntryLayout['timer']): MapLayout | undefined {
  const plot = group(entry, 'plotselect', 'NXdata');
  const detectors = start.detectors.map((d) => byKey.get(d)).filter((c): c is Channel => !!c && !start.motors.includes(c.key));
  const zeroD = detectors.filter((c) => c.shape.length === 0);
  const elapsed = { key: ELAPSED, name: 'elapsed_time', path: timer.elapsedPath };
  // What a curve or map shows: the 0-D detectors, or the elapsed time when the scan records no detector at all.
  const sources = zeroD.length ? zeroD.map((c) => ({ key: c.key, name: safeName(c.key), path: c.path })) : detectors.length === 0 ? [elapsed] : [];
  const motors = start.motors.map((m) => byKey.get(m)).filter((c): c is Channel => !!c);
  const grid = start.grid && start.grid.shape.length === 2 && sources.length ? start.grid : undefined;
  let layout: MapLayout | undefined;
  if (grid) {
    const shape: [number, number] = [grid.shape[0]!, grid.shape[1]!];
    const targets: MapLayout['targets'] = [];
    for (const s of sources) {
      // h5wasm has no fill value: points not measured yet are NaN, so a map being filled shows holes, not zeros.
      const ds = plot.create_dataset({ name: s.name, data: new Float64Array(shape[0] * shape[1]).fill(NaN), shape });
      const units = s.key === ELAPSED ? 's' : desc.data_keys[s.key]?.units;
      if (units) setAttr(ds, 'units', units);
      setAttr(ds, 'interpretation', 'image');
      targets.push({ source: s.key, path: `/${entryName}/plotselect/${s.name}` });
    }
    const axes = grid.motors.map((m, k) => {
      const ds = plot.create_dataset({ name: safeName(m), data: Float64Array.from(grid.setpoints[k]!) });
      const u = start.positioner_units[m];
      if (u) setAttr(ds, 'units', u);
      setAttr(ds, 'long_name', `${m} set point`);
      return safeName(m);
    });
    setAttr(plot, 'signal', sources[0]!.name);
    if (sources.length > 1) setAttr(plot, 'auxiliary_signals', sources.slice(1).map((s) => s.name));
    setAttr(plot, 'axes', axes);
    setAttr(plot, 'interpretation', 'image');
    layout = { shape, snake: grid.snake, targets };
    // The points as measured: value against both readbacks, an x-y scatter (x = fast motor, y = slow motor).
    const scatter = group(entry, 'scatter', 'NXdata');
    for (const s of sources) scatter.create_soft_link(s.path, s.name);
    for (const c of motors) scatter.create_soft_link(c.path, safeName(c.key));
    setAttr(scatter, 'signal', sources[0]!.name);
    if (sources.length > 1) setAttr(scatter, 'auxiliary_signals', sources.slice(1).map((s) => s.name));
    setAttr(scatter, 'axes', [safeName(grid.motors[1]!), safeName(grid.motors[0]!)]);
    scalar(scatter, 'title', start.title);
  } else {
    const axis = motors[0];
    const axisName = axis ? safeName(axis.key) : '.';
    let dims = 1;
    if (sources.length) {
      for (const s of sources) plot.create_soft_link(s.path, s.name);
      setAttr(plot, 'signal', sources[0]!.name);
      if (sources.length > 1) setAttr(plot, 'auxiliary_signals', sources.slice(1).map((s) => s.name));
    } else {
      // No 0-D detector: the first spectrum, else the first camera, one row per point.
      const stack = detectors.find((c) => c.shape.length === 1) ?? detectors.find((c) => c.shape.length === 2) ?? detectors[0]!;
      plot.create_soft_link(stack.path, safeName(stack.key));
      setAttr(plot, 'signal', safeName(stack.key));
      setAttr(plot, 'interpretation', stack.shape.length === 1 ? 'spectrum' : 'image');
      dims = 1 + stack.shape.length;
    }
    if (axis) plot.create_soft_link(axis.path, axisName);
    // silx needs an axis name (or ".") for every dimension of the signal.
    setAttr(plot, 'axes', [axisName, ...new Array<string>(dims - 1).fill('.')]);
  }
  scalar(plot, 'title', start.title);
  return layout;
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
    if (category === 'instrument') {
      const { kept } = splitReserved(values, (n) => RESERVED_INSTRUMENT_NAMES.has(n));
      writeMetadata(instrument, kept, null);
    } else if (!has(entry, safeName(category)) && !RESERVED_ENTRY_NAMES.has(safeName(category))) writeMetadata(entry.create_group(safeName(category)), values);
  }
  if (has(entry, 'scan_info')) {
    const info = entry.get('scan_info') as Group;
    if (!has(info, 'end_epoch')) scalar(info, 'end_epoch', stop.time, 's', true);
    if (!has(info, 'md_end')) {
      const ds = info.create_dataset({ name: 'md_end', data: safeJson(stop.md_end ?? {}) });
      setAttr(ds, 'format', 'json');
    }
  }
  if (!has(entry, 'exit_status')) scalar(entry, 'exit_status', stop.exit_status);
  if (!has(entry, 'exit_reason')) scalar(entry, 'exit_reason', stop.reason);
  if (!has(entry, 'num_points')) scalar(entry, 'num_points', stop.num_events);
  if (!has(entry, 'end_time')) scalar(entry, 'end_time', isoLocal(stop.time)); // last: a finished scan has it
}
