// Size (~380 lines): the writer thread's whole state (one open file, one entry) lives in this module's variables.
// The writer thread: owns every HDF5 call for scan files so compression and disk I/O never block the thread
// that serves the UI. Messages come from nexus-writer.ts; each gets one reply {id, ok, error?}.
import fs from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parentPort } from 'node:worker_threads';
import { loadH5wasm } from './h5wasm.ts';
import { createEntry, ELAPSED, finishEntry, mapCell, setAttr, type Channel, type MapLayout } from './nexus-layout.ts';
import { clearWriteFlags } from './superblock.ts';
import { checkHdf5, forgetHdf5Error } from './hdf5-errors.ts';
import { captureFunctionTable, type H5Module } from './filter-table.ts';
import { FramesAhead } from './frames-ahead.ts';
import { aheadSlot, WriterInbox } from './writer-inbox.ts';
import type { WriterReply, WriterRequest } from './writer-protocol.ts';

type H5 = Awaited<ReturnType<typeof loadH5wasm>>;
type H5File = InstanceType<H5['File']>;
type Dataset = InstanceType<H5['Dataset']>;

const LIBVER = ['v110', 'v114'] as const;

// Frames compressed ahead, written as tagged chunks (frames-ahead.ts); the function table is caught as h5wasm loads.
captureFunctionTable();
const ahead = new FramesAhead(
  () => (h5 as unknown as { Module: H5Module & { _H5open: () => number } }).Module,
  // The compressor thread's script is beside this file in every build (out/main, out/cli, the sources).
  new URL(import.meta.url.endsWith('.ts') ? './compressor-worker.ts' : './compressor-worker.js', import.meta.url),
);

const FLUSH_EVERY_MS = 400;

let h5: H5 | undefined;
let file: H5File | undefined;
let fileName = '';
let entryName = '';
let channels: Channel[] = [];
let datasets = new Map<string, { data: Dataset; epoch: Dataset; channel: Channel }>();
/** The scan's clock (instrument/timer) and, for a grid, its map datasets. */
let timer: { epoch: Dataset; elapsed: Dataset } | undefined;
let map: { layout: MapLayout; datasets: { source: string; ds: Dataset }[] } | undefined;
let startTime = 0;
let rows = 0;
let lastFlush = 0;
let flushTimer: NodeJS.Timeout | undefined;
let failed: string | undefined;
/** Rows of the current entry on disk as of the last successful flush (or, after end, as read back). */
let rowsOnDisk = 0;

function describe(err: unknown, what: string): string {
  const msg = err instanceof Error ? err.message : String(err);
  // A full disk always reads the same, whichever call met it (docs/reliability.md).
  if (/no space left on device|ENOSPC/i.test(msg)) return noSpace(`${what.toLowerCase()} it`);
  return `${what} ${fileName}: ${msg}`;
}

/** The documented sentence for a full disk. */
function noSpace(detail: string): string {
  return `No space left on device for ${fileName} (${Math.max(0, Math.floor(freeBytes() / 1024))} kB free; ${detail})`;
}

/** The closing metadata (end_time, exit_status, num_points …) is written only with this much room left. */
const CLOSING_ROOM = 512 * 1024;

function flush(): void {
  if (flushTimer) clearTimeout(flushTimer);
  flushTimer = undefined;
  if (!file || failed) return;
  try {
    file.flush();
    checkHdf5();
    rowsOnDisk = rows;
  } catch (err) {
    failed = describe(err, 'Cannot write to');
  }
  lastFlush = performance.now();
}

function begin(m: Extract<WriterRequest, { op: 'begin' }>): void {
  failed = undefined;
  ahead.beginFile();
  fileName = m.file;
  entryName = m.entry;
  ensureRoom(0);
  if (failed) throw new Error(failed);
  if (m.compression.kind === 'gzip') ahead.useNativeDeflate(); // before the datasets, whose 0-D columns use it too
  const f = new h5!.File(m.file, m.fileExists ? 'a' : 'w', { libver: [...LIBVER] });
  file = f;
  setAttr(f as never, 'NX_class', 'NXroot');
  setAttr(f as never, 'default', m.entry);
  setAttr(f as never, 'creator', 'DAQ Studio');
  setAttr(f as never, 'creator_version', m.start.app_version);
  setAttr(f as never, 'file_name', m.file.split(/[\\/]/).pop()!);
  if (!m.fileExists) setAttr(f as never, 'file_time', new Date().toISOString());
  forgetHdf5Error();
  let layout: ReturnType<typeof createEntry>;
  try {
    layout = createEntry(f, m.entry, m.start, m.descriptor, m.compression);
    checkHdf5();
  } catch (err) {
    // Not a disk problem (that was checked above): say what could not be made, so the report points at it.
    throw new Error(describe(err, `Cannot create entry ${m.entry} (${Object.keys(m.descriptor.data_keys).join(', ') || 'no channels'}) in`), { cause: err });
  }
  channels = layout.channels;
  datasets = new Map(channels.map((c) => [c.key, { data: f.get(c.path) as Dataset, epoch: f.get(c.epochPath) as Dataset, channel: c }]));
  timer = { epoch: f.get(layout.timer.epochPath) as Dataset, elapsed: f.get(layout.timer.elapsedPath) as Dataset };
  map = layout.map ? { layout: layout.map, datasets: layout.map.targets.map((t) => ({ source: t.source, ds: f.get(t.path) as Dataset })) } : undefined;
  startTime = m.start.time;
  rows = 0;
  rowsOnDisk = 0;
  f.flush();
  f.start_swmr_write();
  checkHdf5();
  lastFlush = performance.now();
}

/** Bytes left for us on the file's filesystem. */
function freeBytes(): number {
  try {
    const st = fs.statfsSync(dirname(fileName));
    return Number(st.bavail) * Number(st.bsize);
  } catch {
    return Infinity; // cannot tell: let the write itself report
  }
}

/**
 * HDF5 cannot be trusted to leave a readable file when the disk fills in the middle of a write (metadata goes
 * half-written). So writing stops while there is still room to close the file properly: a reserve of 1 MB plus
 * twice the batch at hand.
 */
function ensureRoom(bytes: number): void {
  const free = freeBytes();
  const need = 2 ** 20 + 2 * bytes;
  if (free < need) {
    failed ??= `No space left on device for ${fileName} (${Math.max(0, Math.floor(free / 1024))} kB free, the next batch needs ${Math.ceil(need / 1024)} kB with the reserve kept to close the file)`;
  }
}

function append(m: Extract<WriterRequest, { op: 'append' }>, batch: number): void {
  if (failed || !file) return;
  let bytes = 0;
  for (const v of Object.values(m.data)) bytes += v.byteLength;
  ensureRoom(bytes);
  if (failed) return;
  const from = rows;
  const to = rows + m.rows;
  try {
    // Every dataset grows to the same length before anything is written, so readers never see a mismatch.
    for (const { data, epoch, channel } of datasets.values()) {
      data.resize([to, ...channel.shape]);
      epoch.resize([to]);
    }
    timer?.epoch.resize([to]);
    timer?.elapsed.resize([to]);
    for (const [key, { data, epoch, channel }] of datasets) {
      const values = m.data[key];
      if (values && ahead.planned(key)) ahead.writeFrames(data, channel, from, m.rows, values, aheadSlot(batch, key));
      else if (values) data.write_slice([[from, to], ...channel.shape.map(() => [] as [])], values);
      const t = m.epochs[key];
      if (t) epoch.write_slice([[from, to]], t);
    }
    const elapsed = m.times.map((t) => t - startTime);
    if (timer) {
      timer.epoch.write_slice([[from, to]], m.times);
      timer.elapsed.write_slice([[from, to]], elapsed);
    }
    if (map) writeMap(map, from, m.rows, (source) => (source === ELAPSED ? elapsed : (m.data[source] as Float64Array | undefined)));
    checkHdf5();
    rows = to;
  } catch (err) {
    failed = describe(err, 'Cannot write to');
    return;
  }
  // A file deleted (or moved away) while written would swallow every later point without a word.
  if (!fs.existsSync(fileName)) {
    failed = `${fileName} was deleted or moved while the scan was writing it`;
    return;
  }
  const since = performance.now() - lastFlush;
  if (since >= FLUSH_EVERY_MS) flush();
  else flushTimer ??= setTimeout(flush, FLUSH_EVERY_MS - since);
}

/**
 * Puts points from..from+n of a grid scan into its map: each run of points along one row is one write (a snake's
 * backward row is reversed first), so a row costs one HDF5 call, not one per point.
 */
function writeMap(target: NonNullable<typeof map>, from: number, n: number, values: (source: string) => Float64Array | undefined): void {
  const { shape, snake } = target.layout;
  let i = 0;
  while (i < n && from + i < shape[0] * shape[1]) {
    const [row, col] = mapCell(from + i, shape, snake);
    const backward = snake && row % 2 === 1;
    let len = 1;
    while (i + len < n && from + i + len < shape[0] * shape[1] && Math.floor((from + i + len) / shape[1]) === row) len++;
    const lo = backward ? col - len + 1 : col;
    for (const { source, ds } of target.datasets) {
      const v = values(source);
      if (!v) continue;
      const run = v.slice(i, i + len);
      if (backward) run.reverse();
      ds.write_slice([[row, row + 1], [lo, lo + len]], run);
    }
    i += len;
  }
}

function end(m: Extract<WriterRequest, { op: 'end' }>): void {
  if (!file) return;
  const f = file;
  file = undefined;
  if (flushTimer) clearTimeout(flushTimer);
  flushTimer = undefined;
  try {
    f.flush();
    checkHdf5();
    rowsOnDisk = rows;
  } catch (err) {
    failed ??= describe(err, 'Cannot write to');
  }
  try {
    f.close();
    checkHdf5();
  } catch (err) {
    failed ??= describe(err, 'Cannot close');
  }
  if (failed) clearFlags();
  // SWMR allows no new objects: the end state is written after reopening the file normally — but only where it
  // fits. HDF5 that meets a full disk half way through new objects leaves headers that no reader can parse ("bad
  // object header version number"); a file without end_time is a readable, unfinished scan.
  if (freeBytes() < CLOSING_ROOM) {
    failed ??= noSpace('the end state (end_time, exit_status, num_points) was not written; the frames on disk are readable');
  } else {
    try {
      const g = new h5!.File(fileName, 'a', { libver: [...LIBVER] });
      try {
        // After a write failure the file holds what it holds, whatever the main thread counted: say that.
        const stop = failed ? { ...m.stop, num_events: rowsIn(g) ?? m.stop.num_events } : m.stop;
        finishEntry(g, entryName, stop, m.units);
        g.flush();
        checkHdf5();
      } finally {
        g.close();
      }
    } catch (err) {
      failed ??= describe(err, 'Cannot finish the scan in');
    }
  }
  if (failed) clearFlags();
  rows = countRowsOnDisk();
}

/** Rows of the entry's first channel in an open file, if it has one. */
function rowsIn(g: H5File): number | undefined {
  const first = channels[0];
  return first ? ((g.get(first.path) as Dataset | null)?.shape?.[0] ?? undefined) : undefined;
}

/** The rows of the entry as a plain reader sees them in the closed file (frames saved = frames on disk). */
function countRowsOnDisk(): number {
  const first = channels[0];
  if (!first) return rowsOnDisk;
  try {
    const g = new h5!.File(fileName, 'r');
    try {
      const n = rowsIn(g);
      checkHdf5();
      return n ?? rowsOnDisk;
    } finally {
      g.close();
    }
  } catch {
    forgetHdf5Error();
    return rowsOnDisk;
  }
}

/** A failed close leaves the "open for writing" flags set; clear them so what is on disk stays readable. */
function clearFlags(): void {
  try {
    clearWriteFlags(fileName);
  } catch {
    // nothing more can be done here; the next start retries from the journal
  }
}

function attach(m: Extract<WriterRequest, { op: 'attach' }>): void {
  // New objects in a closed file, only where they fit (a full disk would leave unreadable headers).
  fileName = m.file;
  const size = typeof m.data === 'string' ? Buffer.byteLength(m.data) : m.data.byteLength;
  if (freeBytes() < CLOSING_ROOM + 2 * size) throw new Error(noSpace(`${m.path} was not added`));
  const g = new h5!.File(m.file, 'a', { libver: [...LIBVER] });
  try {
    const parts = m.path.split('/').filter(Boolean);
    const name = parts.pop()!;
    let parent = g as unknown as InstanceType<H5['Group']>;
    for (const p of parts) parent = (parent.keys().includes(p) ? parent.get(p) : parent.create_group(p)) as InstanceType<H5['Group']>;
    if (parent.keys().includes(name)) throw new Error(`${m.path} already exists`);
    const ds = parent.create_dataset({ name, data: m.data });
    for (const [k, v] of Object.entries(m.attrs)) setAttr(ds as never, k, v);
    g.flush();
  } finally {
    g.close();
  }
}

/**
 * Runs the calls of a file start once on a scratch file in the temp folder, then deletes it: WebAssembly code
 * runs slowly until the engine has optimised it, and the first real file would otherwise pay ~0.1–0.2 s.
 */
function warmUp(): void {
  if (file) return; // a file is being written: the thread is warm already
  const scratch = join(tmpdir(), `daq-writer-warmup-${process.pid}-${Date.now()}.h5`);
  try {
    const f = new h5!.File(scratch, 'w', { libver: [...LIBVER] });
    const g = f.create_group('entry');
    setAttr(g as never, 'NX_class', 'NXentry');
    g.create_dataset({ name: 'frames', data: new Uint16Array(0), shape: [0, 4, 4], maxshape: [null, 4, 4], chunks: [1, 4, 4] });
    g.create_dataset({ name: 'title', data: 'warm-up' });
    f.flush();
    f.start_swmr_write();
    f.close();
  } catch {
    // only a warm-up: the real file reports its own errors
  } finally {
    fs.rmSync(scratch, { force: true });
    forgetHdf5Error();
  }
}

const inbox = new WriterInbox({
  load: async () => {
    h5 ??= await loadH5wasm();
  },
  handle,
  post: (reply) => parentPort!.postMessage(reply), // frame buffers are shared memory: nothing to transfer
  ahead: ahead.chunks,
  planAhead: () => ahead.plan(datasets),
});
parentPort!.on('message', (m: WriterRequest) => inbox.receive(m));

function handle(m: WriterRequest, batch: number): WriterReply {
  const reply: WriterReply = { id: m.id, ok: true };
  try {
    switch (m.op) {
      case 'begin':
        begin(m);
        break;
      case 'append':
        append(m, batch);
        reply.buffers = inbox.written(m);
        break;
      case 'end':
        end(m);
        ahead.endFile();
        break;
      case 'attach':
        attach(m);
        break;
      case 'warm':
        warmUp();
        // The next file will use a plugin codec: its compressor thread loads meanwhile too.
        if (m.compression) ahead.warm(m.compression);
        break;
    }
    if (failed) {
      reply.ok = false;
      reply.error = failed;
      ahead.failed();
    }
    // While writing: rows handed to HDF5 (on disk at the next flush, ≤ 0.4 s); after end: as read back from the
    // closed file, which is what a reader gets even when a full disk cut the last flushes.
    reply.rows = rows;
    reply.wasmHeap = (h5 as unknown as { Module: { HEAPU8: Uint8Array } }).Module.HEAPU8.byteLength;
    reply.chunks = { ...ahead.chunks.counts };
  } catch (err) {
    reply.ok = false;
    reply.error = err instanceof Error ? err.message : String(err);
  }
  return reply;
}
