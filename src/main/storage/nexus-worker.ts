// The writer thread: owns every HDF5 call for scan files so compression and disk I/O never block the thread
// that serves the UI. Messages come from nexus-writer.ts; each gets one reply {id, ok, error?}.
import { parentPort } from 'node:worker_threads';
import type { DescriptorDoc, StartDoc, StopDoc } from '../../shared/documents.ts';
import { loadH5wasm } from './h5wasm.ts';
import { createEntry, finishEntry, setAttr, type Channel, type Compression } from './nexus-layout.ts';

type H5 = Awaited<ReturnType<typeof loadH5wasm>>;
type H5File = InstanceType<H5['File']>;
type Dataset = InstanceType<H5['Dataset']>;

export type WriterRequest =
  | { op: 'begin'; id: number; file: string; entry: string; start: StartDoc; descriptor: DescriptorDoc; compression: Compression; fileExists: boolean }
  | { op: 'append'; id: number; rows: number; data: Record<string, ArrayBufferView>; epochs: Record<string, Float64Array> }
  | { op: 'end'; id: number; stop: StopDoc; units: Record<string, string> }
  | { op: 'attach'; id: number; file: string; path: string; data: Uint8Array | string; attrs: Record<string, string> };

export interface WriterReply {
  id: number;
  ok: boolean;
  error?: string;
  /** After append/end: rows on disk and the file's size. */
  rows?: number;
}

const LIBVER = ['v110', 'v114'] as const;
const FLUSH_EVERY_MS = 400;

let h5: H5 | undefined;
let file: H5File | undefined;
let fileName = '';
let entryName = '';
let channels: Channel[] = [];
let datasets = new Map<string, { data: Dataset; epoch: Dataset; channel: Channel }>();
let rows = 0;
let lastFlush = 0;
let flushTimer: NodeJS.Timeout | undefined;
let failed: string | undefined;

function describe(err: unknown, what: string): string {
  const msg = err instanceof Error ? err.message : String(err);
  return `${what} ${fileName}: ${msg}`;
}

function flush(): void {
  if (flushTimer) clearTimeout(flushTimer);
  flushTimer = undefined;
  if (!file || failed) return;
  try {
    file.flush();
  } catch (err) {
    failed = describe(err, 'Cannot write to');
  }
  lastFlush = performance.now();
}

function begin(m: Extract<WriterRequest, { op: 'begin' }>): void {
  failed = undefined;
  fileName = m.file;
  entryName = m.entry;
  const f = new h5!.File(m.file, m.fileExists ? 'a' : 'w', { libver: [...LIBVER] });
  file = f;
  setAttr(f as never, 'NX_class', 'NXroot');
  setAttr(f as never, 'default', m.entry);
  setAttr(f as never, 'creator', 'DAQ Studio');
  setAttr(f as never, 'creator_version', m.start.app_version);
  setAttr(f as never, 'file_name', m.file.split(/[\\/]/).pop()!);
  if (!m.fileExists) setAttr(f as never, 'file_time', new Date().toISOString());
  channels = createEntry(f, m.entry, m.start, m.descriptor, m.compression);
  datasets = new Map(channels.map((c) => [c.key, { data: f.get(c.path) as Dataset, epoch: f.get(c.epochPath) as Dataset, channel: c }]));
  rows = 0;
  f.flush();
  f.start_swmr_write();
  lastFlush = performance.now();
}

function append(m: Extract<WriterRequest, { op: 'append' }>): void {
  if (failed || !file) return;
  const from = rows;
  const to = rows + m.rows;
  try {
    // Every dataset grows to the same length before anything is written, so readers never see a mismatch.
    for (const { data, epoch, channel } of datasets.values()) {
      data.resize([to, ...channel.shape]);
      epoch.resize([to]);
    }
    for (const [key, { data, epoch, channel }] of datasets) {
      const values = m.data[key];
      if (values) data.write_slice([[from, to], ...channel.shape.map(() => [] as [])], values);
      const t = m.epochs[key];
      if (t) epoch.write_slice([[from, to]], t);
    }
    rows = to;
  } catch (err) {
    failed = describe(err, 'Cannot write to');
    return;
  }
  const since = performance.now() - lastFlush;
  if (since >= FLUSH_EVERY_MS) flush();
  else flushTimer ??= setTimeout(flush, FLUSH_EVERY_MS - since);
}

function end(m: Extract<WriterRequest, { op: 'end' }>): void {
  if (!file) return;
  const f = file;
  file = undefined;
  if (flushTimer) clearTimeout(flushTimer);
  flushTimer = undefined;
  try {
    f.flush();
  } catch (err) {
    failed ??= describe(err, 'Cannot write to');
  }
  try {
    f.close();
  } catch (err) {
    failed ??= describe(err, 'Cannot close');
  }
  // SWMR allows no new objects: the end state is written after reopening the file normally.
  try {
    const g = new h5!.File(fileName, 'a', { libver: [...LIBVER] });
    try {
      finishEntry(g, entryName, m.stop, m.units);
      g.flush();
    } finally {
      g.close();
    }
  } catch (err) {
    failed ??= describe(err, 'Cannot finish the scan in');
  }
}

function attach(m: Extract<WriterRequest, { op: 'attach' }>): void {
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

parentPort!.on('message', async (m: WriterRequest) => {
  const reply: WriterReply = { id: m.id, ok: true };
  try {
    h5 ??= await loadH5wasm();
    switch (m.op) {
      case 'begin':
        begin(m);
        break;
      case 'append':
        append(m);
        break;
      case 'end':
        end(m);
        break;
      case 'attach':
        attach(m);
        break;
    }
    if (failed) {
      reply.ok = false;
      reply.error = failed;
    }
    reply.rows = rows;
  } catch (err) {
    reply.ok = false;
    reply.error = err instanceof Error ? err.message : String(err);
  }
  parentPort!.postMessage(reply);
});
