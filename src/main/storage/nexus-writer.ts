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
  /** These events' values are copied into a batch and no longer referenced here (their buffers may be reused). */
  copied?: (events: EventDoc[]) => void;
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
  private batch: EventDoc[] = [];
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

  private readonly maxInFlight: number;

  constructor(opts: NexusWriterOptions) {
    this.opts = opts;
    this.maxInFlight = opts.maxInFlight ?? MAX_IN_FLIGHT;
    this.journal = new Journal(opts.dataDir);
    this.datasets = new DatasetChoice(opts.dataDir, opts.basePath);
  }

  /**
   * Starts the writer thread and loads h5wasm in it now, so the first file starts without that second or two
   * (the Viewer calls it when it opens: Do Save must show as on within 200 ms).
   */
  async warm(): Promise<void> {
    const r = await this.send({ op: 'warm', id: this.nextId++ });
    if (!r.ok) throw new Error(r.error ?? 'the file writer did not start');
  }

  /** The writer thread's WebAssembly memory as of its last answer (0 before it started). */
  wasmHeapBytes(): number {
    return this.wasmHeap;
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
      this.returned(r.id);
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
        this.batch.push(d.doc);
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
   * Batch buffers for frames, reused: a fresh 8 MB buffer costs ~0.4 ms per frame in page faults (measured on the
   * CI VM), a reused one ~0.05 ms. They are shared with the writer thread (SharedArrayBuffer), never transferred:
   * an 8 MB buffer transferred back to this thread counted as new outside-the-heap memory each time, and V8 ran a
   * full garbage collection on the UI thread for nearly every batch (docs/benchmarks.md). A few are kept, none
   * between files.
   */
  private readonly spare: SharedArrayBuffer[] = [];
  /** Shared buffers of the appends sent, by request id, until the writer thread is surely done with them. */
  private readonly lent: { id: number; buffers: SharedArrayBuffer[] }[] = [];
  /** The big columns of the batch being built. */
  private building: SharedArrayBuffer[] = [];

  /**
   * The writer thread answered request `id` (answers come in order). It has then written every earlier batch and
   * keeps only this one's frames (HDF5 compresses a chunk as it leaves its cache, at the latest while the next batch
   * is written, and the frames compressed ahead are checked against them: storage/writer-inbox.ts), so the buffers
   * of the appends before `id` may be filled again.
   */
  private returned(id: number): void {
    while (this.lent.length > 0 && this.lent[0]!.id < id) {
      for (const b of this.lent.shift()!.buffers) if (this.spare.length < SPARE_BUFFERS && this.file) this.spare.push(b);
    }
  }

  /** A column of `length` values for a batch, in a reused buffer when one is big enough (a view of its start). */
  private column(ctor: TypedConstructor, length: number): Typed {
    const bytes = length * ctor.BYTES_PER_ELEMENT;
    if (bytes < 64 * 1024) return new ctor(length);
    const i = this.spare.findIndex((b) => b.byteLength >= bytes);
    const buffer = i >= 0 ? this.spare.splice(i, 1)[0]! : new SharedArrayBuffer(Math.ceil(bytes / 2 ** 20) * 2 ** 20);
    this.building.push(buffer);
    return new ctor(buffer as unknown as ArrayBuffer, 0, length);
  }

  private sendBatch(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const events = this.batch;
    if (events.length === 0 || !this.descriptor) return Promise.resolve();
    this.batch = [];
    const bytes = this.batchBytes;
    this.batchBytes = 0;
    const n = events.length;
    const data: Record<string, ArrayBufferView> = {};
    const epochs: Record<string, Float64Array> = {};
    for (const [key, dk] of Object.entries(this.descriptor.data_keys)) {
      const t = new Float64Array(n);
      if (dk.shape.length === 0) {
        const col = new Float64Array(n);
        for (let i = 0; i < n; i++) {
          col[i] = events[i]!.data[key] as number;
          t[i] = events[i]!.timestamps[key] ?? events[i]!.time;
        }
        data[key] = col;
      } else {
        const first = events[0]!.data[key] as Typed;
        const size = first.length;
        const col = this.column(first.constructor as TypedConstructor, n * size);
        for (let i = 0; i < n; i++) {
          col.set(events[i]!.data[key] as Typed, i * size);
          t[i] = events[i]!.timestamps[key] ?? events[i]!.time;
        }
        data[key] = col;
      }
      epochs[key] = t;
    }
    this.opts.copied?.(events);
    // The point's own time, for the scan's timer (instrument/timer) even when it records no channel at all.
    const times = Float64Array.from(events, (e) => e.time);
    // The small columns move to the writer thread; the frames' shared buffers stay here too (see `spare`).
    const transfer = [...Object.values(data), ...Object.values(epochs), times].map((a) => a.buffer).filter((b): b is ArrayBuffer => b instanceof ArrayBuffer);
    const id = this.nextId++;
    if (this.building.length > 0) this.lent.push({ id, buffers: this.building });
    this.building = [];
    const sent = this.send({ op: 'append', id, rows: n, data, epochs, times }, transfer, bytes).then((r) => {
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
      // Whatever the writer thread did not answer (it died) is simply not reused.
      this.lent.length = 0;
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
