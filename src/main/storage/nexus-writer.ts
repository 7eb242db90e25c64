// Size (~325 lines): the main-thread half of the writer: batching, backpressure, the worker's life and a scan's begin/end.
// The scan writer on the main thread: a document subscriber that batches points and hands them to the writer
// worker (nexus-worker.ts), which owns the HDF5 file. Acquisition never waits for compression or the disk
// unless the queue to the worker is full; then the engine waits, and says so in the log.
//
// Files: one dataset file holds many scans (one NXentry "<scan_number>.1" each), at
// <base>/<YYYY>/<YYYYMMDD>/Dataset_<YYYYMMDD>_<NNN>.h5; "New dataset" starts the next NNN. The current dataset
// file is remembered in <dataDir>/dataset.json, so the app and `daq` commands of the same day share it.
// While a scan is written its file is locked (<file>.lock, with the writer's pid) and listed in the journal
// <dataDir>/open-scans.json; a later start repairs what a killed writer left (see recovery.ts).
import { randomUUID } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Worker } from 'node:worker_threads';
import type { CompressionLib } from '../../shared/compression.ts';
import type { DescriptorDoc, Doc, EventDoc, ResourceDoc, StartDoc } from '../../shared/documents.ts';
import { DaqError } from '../../shared/errors.ts';
import { backpressure } from '../backpressure.ts';
import { ensureFolder } from './file-names.ts';
import type { Compression } from './nexus-layout.ts';
import type { WriterReply, WriterRequest } from './writer-protocol.ts';
import { Journal } from './journal.ts';
import { DatasetChoice } from './dataset-choice.ts';
import { lockFile, noSpaceError } from './file-lock.ts';
import { repairScan } from './recovery.ts';
import { takeWriterThread } from './writer-thread.ts';

// Other modules take the lock from here too (continuous saving).
export { lockFile, noSpaceError };

export interface NexusWriterOptions {
  dataDir: string;
  basePath: () => string;
  compression: () => Compression;
  /** Where a run goes; default: the current dataset file, entry "<scan_number>.1". */
  target?: (start: StartDoc) => { file: string; entry: string; unlock: () => void };
  log?: (level: 'info' | 'warn' | 'error', message: string) => void;
  /** Rows of the current run the writer thread has written (after the run ended: as found in the closed file). */
  onRows?: (rows: number) => void;
  /** Announces where each run is written (its resource document) into the document stream: `engine.publish`. */
  publish?: (d: { name: 'resource'; doc: ResourceDoc }) => void;
  /** These frames (array values of events) are copied into a batch and no longer referenced here (they may be reused). */
  copied?: (frames: object[]) => void;
  /** Bytes in flight above which acquisition waits; default 256 MB (continuous saving uses less, see there). */
  maxInFlight?: number;
}

/** Points are sent to the worker at least this often (ms); the worker flushes the file every ≤ 0.4 s. */
const BATCH_MS = 100;
/** A batch is sent early when it holds this many bytes. */
const BATCH_BYTES = 8 * 2 ** 20;
/** Above this many bytes in flight the engine waits for the worker. */
const MAX_IN_FLIGHT = 256 * 2 ** 20;

type Typed = Float64Array | Uint16Array | Uint32Array | Float32Array;
type TypedConstructor = { new (n: number): Typed; new (b: ArrayBuffer, offset: number, length: number): Typed; BYTES_PER_ELEMENT: number };
/** Frame buffers kept for reuse (each ≥ one batch, ~8 MB): as many as go round when continuous saving keeps 32 MB
 * in flight (4–5 batches queued, one held by the writer thread), so none is dropped and allocated again. */
const SPARE_BUFFERS = 6;

// Where the worker script is: see writer-thread.ts (kept importable from here for the packaging test).
export { builtWorkerPath } from './writer-thread.ts';

export class NexusWriter {
  private readonly opts: NexusWriterOptions;
  private readonly journal: Journal;
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (r: WriterReply) => void }>();
  private inFlight = 0;
  private drained: (() => void) | undefined;
  private start: StartDoc | undefined;
  private descriptor: DescriptorDoc | undefined;
  private file = '';
  private entry = '';
  private unlock: (() => void) | undefined;
  /**
   * The points not yet sent, as columns: each event's values are copied out when it arrives, so the event
   * document itself dies young. Holding the documents for up to BATCH_MS (thousands of them in a fast scan)
   * made the garbage collector copy and promote every one of them (docs/benchmarks.md, "CLI whole-command speed").
   */
  private batch = new PendingBatch();
  private batchBytes = 0;
  private timer: NodeJS.Timeout | undefined;
  private error: string | undefined;
  /** uid → where the scan was written. */
  readonly written = new Map<string, { file: string; entry: string }>();
  /** Which dataset file scans go to (remembered in the data folder). */
  private readonly datasets: DatasetChoice;
  /** Why the writer thread died during the current scan, if it did. */
  private workerDied: string | undefined;
  private wasmHeap = 0;
  private chunks = { ahead: 0, inCall: 0 };

  private readonly maxInFlight: number;

  constructor(opts: NexusWriterOptions) {
    this.opts = opts;
    this.maxInFlight = opts.maxInFlight ?? MAX_IN_FLIGHT;
    this.journal = new Journal(opts.dataDir);
    this.datasets = new DatasetChoice(opts.dataDir, opts.basePath);
  }

  /**
   * Starts the writer thread and loads h5wasm in it now, so the first file starts without that second or two
   * (the Viewer calls it when it opens: Do Save must show as on within 200 ms). With the codec the next file will
   * use, a plugin codec's compressor thread starts loading too.
   */
  async warm(compression?: CompressionLib): Promise<void> {
    const r = await this.send({ op: 'warm', id: this.nextId++, compression });
    if (!r.ok) throw new Error(r.error ?? 'the file writer did not start');
  }

  /** The writer thread's WebAssembly memory as of its last answer (0 before it started). */
  wasmHeapBytes(): number {
    return this.wasmHeap;
  }

  /**
   * Frames of compressed files the writer thread wrote since it started, as of its last answer: compressed ahead
   * on the other core, or in the call (for the tests and benchmarks that check the look-ahead is in use).
   */
  compressedChunks(): { ahead: number; inCall: number } {
    return { ...this.chunks };
  }

  /** The dataset file the next scan goes to (it may not exist yet). */
  currentDataset(): string {
    return this.datasets.current();
  }

  /** "New dataset": the next scan starts the next NNN file of today. */
  newDataset(): string {
    return this.datasets.next();
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    // A thread `daq scan` started ahead (it has loaded h5wasm meanwhile), or a new one.
    const w = takeWriterThread();
    w.on('message', (r: WriterReply) => {
      this.wasmHeap = r.wasmHeap ?? this.wasmHeap;
      this.chunks = r.chunks ?? this.chunks;
      if (r.buffers) this.recycle(r.buffers);
      const p = this.waiting.get(r.id);
      this.waiting.delete(r.id);
      p?.resolve(r);
    });
    // A writer thread that dies (a crash, or killed) must not leave requests waiting forever: they fail, the
    // scan ends as fail, and end() repairs the file in this thread.
    const died = (why: string) => {
      if (this.worker !== w) return;
      this.worker = undefined;
      this.workerDied = why;
      // Mid-scan, every later point would go nowhere: the scan must fail now, not silently go on.
      if (this.file) this.error ??= `The file writer stopped (${why}) while writing ${this.file}`;
      for (const p of this.waiting.values()) p.resolve({ id: -1, ok: false, error: `The file writer stopped (${why})` });
      this.waiting.clear();
    };
    w.on('error', (err) => died(err.message));
    w.on('exit', (code) => died(`exit code ${code}`));
    w.unref();
    this.worker = w;
    return w;
  }

  private send(req: WriterRequest, transfer: ArrayBuffer[] = [], bytes = 0): Promise<WriterReply> {
    const w = this.ensureWorker();
    this.inFlight += bytes;
    // An idle worker must not keep the process alive; one with work in hand must.
    w.ref();
    return new Promise((resolve) => {
      this.waiting.set(req.id, {
        resolve: (r) => {
          if (this.waiting.size === 0) this.worker?.unref();
          this.inFlight -= bytes;
          if (this.inFlight <= this.maxInFlight / 2 && this.drained) {
            this.drained();
            this.drained = undefined;
          }
          resolve(r);
        },
      });
      w.postMessage(req, transfer);
    });
  }

  private check(r: WriterReply): void {
    if (!r.ok) {
      this.error ??= r.error ?? 'unknown writer error';
      throw this.failure();
    }
  }

  private failure(): DaqError {
    return new DaqError('IO_ERROR', `${this.error}. What is on disk stays readable; fix the cause (free space, permissions, base path) and run the next scan.`);
  }

  readonly callback = (d: Doc): Promise<void> | void => {
    switch (d.name) {
      case 'start':
        this.start = d.doc;
        return;
      case 'descriptor':
        this.descriptor = d.doc;
        // The entry exists on disk, in SWMR mode, before the first point is taken: a crash after the first point
        // always leaves a readable entry (without the wait, a slow disk let points run ahead of the file).
        return backpressure(this.begin());
      case 'event':
        // A batch sent from the timer failed: fail the scan now (the engine stops at the next point).
        if (this.error) throw this.failure();
        if (!this.file) return;
        this.batch.add(d.doc, this.descriptor!);
        for (const v of Object.values(d.doc.data)) this.batchBytes += typeof v === 'number' ? 8 : (v as Typed).byteLength;
        if (this.batchBytes >= BATCH_BYTES) return this.sendBatch();
        this.timer ??= setTimeout(() => void this.sendBatch().catch(() => undefined), BATCH_MS);
        return;
      case 'stop':
        return this.end(d.doc);
    }
  };

  private datasetTarget(start: StartDoc): { file: string; entry: string; unlock: () => void } {
    let file = this.currentDataset();
    ensureFolder(dirname(file));
    let unlock = lockFile(file);
    while (!unlock) {
      // Another process writes the current dataset now: this scan goes to a new one.
      file = this.newDataset();
      unlock = lockFile(file);
    }
    return { file, entry: `${start.scan_number}.1`, unlock };
  }

  private async begin(): Promise<void> {
    this.workerDied = undefined;
    const start = this.start!;
    const descriptor = this.descriptor!;
    this.error = undefined;
    const target = (this.opts.target ?? ((s: StartDoc) => this.datasetTarget(s)))(start);
    const file = target.file;
    this.unlock = target.unlock;
    this.file = file;
    this.entry = target.entry;
    this.written.set(start.uid, { file, entry: this.entry });
    this.opts.publish?.({ name: 'resource', doc: { uid: randomUUID(), run_start: start.uid, time: Date.now() / 1000, spec: 'NeXus', resource_path: file, entry: this.entry } });
    await this.journal.add({ file, entry: this.entry, uid: start.uid, pid: process.pid });
    const fileExists = existsSync(file) && statSync(file).size > 0;
    const r = await this.send({ op: 'begin', id: this.nextId++, file, entry: this.entry, start, descriptor, compression: this.opts.compression(), fileExists });
    this.opts.onRows?.(0);
    if (!r.ok) this.error = r.error;
    this.check(r);
  }

  /**
   * Frame buffers the writer thread handed back, for the next batches: a fresh 8 MB buffer costs ~0.4 ms per
   * frame in page faults (measured on the CI VM), a reused one ~0.05 ms. A few are kept, and none between files.
   * They are shared memory, so the writer thread's compressor thread reads the frames without a copy; a buffer is
   * only written again after the writer thread handed it back, as with a transferred one.
   */
  private readonly spare: SharedArrayBuffer[] = [];

  private recycle(buffers: SharedArrayBuffer[]): void {
    for (const b of buffers) if (this.spare.length < SPARE_BUFFERS && this.file) this.spare.push(b);
  }

  /** A column of `length` values for a batch, in a reused buffer when one is big enough (a view of its start). */
  private column(ctor: TypedConstructor, length: number): Typed {
    const bytes = length * ctor.BYTES_PER_ELEMENT;
    if (bytes < 64 * 1024) return new ctor(length);
    const i = this.spare.findIndex((b) => b.byteLength >= bytes);
    const buffer = i >= 0 ? this.spare.splice(i, 1)[0]! : new SharedArrayBuffer(Math.ceil(bytes / 2 ** 20) * 2 ** 20);
    return new ctor(buffer as unknown as ArrayBuffer, 0, length);
  }

  private sendBatch(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const pending = this.batch;
    if (pending.times.length === 0 || !this.descriptor) return Promise.resolve();
    this.batch = new PendingBatch();
    const bytes = this.batchBytes;
    this.batchBytes = 0;
    const n = pending.times.length;
    const data: Record<string, ArrayBufferView> = {};
    const epochs: Record<string, Float64Array> = {};
    for (const [key, dk] of Object.entries(this.descriptor.data_keys)) {
      const c = pending.column(key);
      if (dk.shape.length === 0) {
        data[key] = Float64Array.from(c.values as number[]);
      } else {
        const frames = c.values as Typed[];
        const first = frames[0]!;
        const size = first.length;
        const col = this.column(first.constructor as TypedConstructor, n * size);
        for (let i = 0; i < n; i++) col.set(frames[i]!, i * size);
        this.opts.copied?.(frames);
        data[key] = col;
      }
      epochs[key] = Float64Array.from(c.epochs);
    }
    // The point's own time, for the scan's timer (instrument/timer) even when it records no channel at all.
    const times = Float64Array.from(pending.times);
    // Shared frame buffers go as they are (shared, not transferred); the small columns are transferred.
    const transfer = [...Object.values(data), ...Object.values(epochs), times].map((a) => a.buffer).filter((b): b is ArrayBuffer => b instanceof ArrayBuffer);
    const sent = this.send({ op: 'append', id: this.nextId++, rows: n, data, epochs, times }, transfer, bytes).then((r) => {
      if (typeof r.rows === 'number') this.opts.onRows?.(r.rows);
      this.check(r);
    });
    if (this.inFlight > this.maxInFlight) {
      // The worker is behind: let acquisition wait until half the queue is written.
      const wait = new Promise<void>((resolve) => (this.drained = resolve));
      return backpressure(Promise.all([sent.catch(() => undefined), wait]).then(() => sent));
    }
    return sent;
  }

  private async end(stop: Extract<Doc, { name: 'stop' }>['doc']): Promise<void> {
    if (!this.file) return;
    const file = this.file;
    try {
      await this.sendBatch().catch(() => undefined);
      if (this.workerDied) {
        // The thread died mid-scan: repair the file here as a restart would (flags, end state), then report.
        const why = this.workerDied;
        this.workerDied = undefined;
        await repairScan({ file, entry: this.entry, uid: stop.run_start, pid: process.pid }, `the file writer stopped (${why}); the points written before were kept`);
        await this.journal.remove(file, this.entry);
        this.error ??= `The file writer stopped (${why}) while writing ${file}`;
        throw this.failure();
      }
      const units = this.start?.positioner_units ?? {};
      const r = await this.send({ op: 'end', id: this.nextId++, stop, units });
      if (typeof r.rows === 'number') this.opts.onRows?.(r.rows);
      // The thread answered 'end': it closed the file itself (even after a write error, flags cleared), so the
      // scan leaves the journal; only a file whose writer thread or process died is repaired at the next start.
      if (r.ok || !this.workerDied) await this.journal.remove(file, this.entry);
      this.check(r);
    } finally {
      this.unlock?.();
      this.unlock = undefined;
      this.file = '';
      this.spare.length = 0;
    }
  }

  /** Adds a dataset (a PNG screenshot, panel settings as JSON) to a scan file that is not being written. */
  async attach(file: string, path: string, data: Uint8Array | string, attrs: Record<string, string>): Promise<void> {
    const unlock = lockFile(file);
    if (!unlock) throw new DaqError('BUSY', `${file} is being written; attach after the scan has ended.`);
    try {
      const r = await this.send({ op: 'attach', id: this.nextId++, file, path, data, attrs });
      if (!r.ok) throw new DaqError('IO_ERROR', `Cannot add ${path} to ${file}: ${r.error}.`);
    } finally {
      unlock();
    }
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
    this.worker = undefined;
  }
}

/** One channel of the points not yet sent: its values (numbers, or a frame per point) and their times. */
interface PendingColumn {
  values: (number | Typed)[];
  epochs: number[];
}

/** The points not yet sent to the writer thread, channel by channel (the descriptor's keys, in its order). */
class PendingBatch {
  private keys: string[] = [];
  private cols: PendingColumn[] = [];
  readonly times: number[] = [];

  add(ev: EventDoc, descriptor: DescriptorDoc): void {
    if (this.times.length === 0) {
      this.keys = Object.keys(descriptor.data_keys);
      this.cols = this.keys.map(() => ({ values: [], epochs: [] }));
    }
    const { data, timestamps, time } = ev;
    for (let i = 0; i < this.keys.length; i++) {
      const key = this.keys[i]!;
      const c = this.cols[i]!;
      c.values.push(data[key] as number | Typed);
      c.epochs.push(timestamps[key] ?? time);
    }
    this.times.push(time);
  }

  /** A channel's column (the batch is always sent before the next run's descriptor arrives: same keys). */
  column(key: string): PendingColumn {
    return this.cols[this.keys.indexOf(key)]!;
  }
}
