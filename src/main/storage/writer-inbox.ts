// The writer thread's queue: requests are handled one at a time in arrival order (HDF5 calls never interleave),
// while the frames of the next batches of a gzip file are already compressed on Node's thread pool (DeflateAhead),
// so the second core compresses while this thread writes. It also keeps each written batch's frame buffers until
// HDF5 is surely done with them, then hands them back to the main thread for reuse.
import { effectiveLevel } from '../../shared/compression.ts';
import type { DeflateAhead } from './native-deflate.ts';
import { rowsPerChunk } from './nexus-layout.ts';
import type { WriterReply, WriterRequest } from './writer-protocol.ts';

type Append = Extract<WriterRequest, { op: 'append' }>;

/** The gzip level and the channels with one row per chunk (frames), of the file the next appends go to. */
interface AheadPlan {
  level: number;
  keys: string[];
}

interface Received {
  m: WriterRequest;
  plan: AheadPlan | undefined;
  /** An append's number, in arrival order (0 for other requests). */
  batch: number;
  ahead?: Promise<void>;
}

export interface InboxDeps {
  /** Loads h5wasm (once); a failure is the reply to the request waiting for it. */
  load: () => Promise<void>;
  handle: (m: WriterRequest, batch: number) => WriterReply;
  post: (reply: WriterReply, transfer: ArrayBuffer[]) => void;
  ahead: DeflateAhead;
  /** Whether gzip goes through Node's zlib (only then is compressing ahead of use). */
  aheadOn: () => boolean;
}

/** Batches compressed ahead and not yet written: the one being written and the next. */
const AHEAD_BATCHES = 2;
/** Buffers smaller than this are columns of scalars, not worth handing back. */
const FRAME_BUFFER_BYTES = 64 * 1024;

export class WriterInbox {
  private readonly deps: InboxDeps;
  private readonly queue: Received[] = [];
  private receivedPlan: AheadPlan | undefined;
  private draining = false;
  private batches = 0;
  private aheadBatches = 0;
  /**
   * Frame buffers of written batches, kept until HDF5 is surely done with them: it copies a chunk into its chunk
   * cache and compresses it when the chunk leaves the cache, at the latest while the next batch is written (or at
   * the next flush), and the results compressed ahead are checked against these bytes until then.
   */
  private held: { batch: number; buffers: ArrayBuffer[] }[] = [];

  constructor(deps: InboxDeps) {
    this.deps = deps;
  }

  receive(m: WriterRequest): void {
    if (m.op === 'begin') this.receivedPlan = planOf(m);
    const r: Received = { m, plan: this.receivedPlan, batch: m.op === 'append' ? ++this.batches : 0 };
    this.queue.push(r);
    if (this.aheadBatches < AHEAD_BATCHES) this.startAhead(r);
    if (!this.draining) void this.drain();
  }

  /** After batch `batch` was written: the buffers of the batches before it, to hand back. */
  written(batch: number, m: Append): ArrayBuffer[] {
    this.deps.ahead.clear(batch);
    const out = this.release(batch);
    const buffers = Object.values(m.data)
      .map((v) => v.buffer)
      .filter((b): b is ArrayBuffer => b instanceof ArrayBuffer && b.byteLength >= FRAME_BUFFER_BYTES);
    this.held.push({ batch, buffers });
    return out;
  }

  /** The buffers of batches before `batch` (all of them without one: the file ended or failed). */
  release(batch = Infinity): ArrayBuffer[] {
    const out = this.held.filter((h) => h.batch < batch).flatMap((h) => h.buffers);
    this.held = this.held.filter((h) => h.batch >= batch);
    return out;
  }

  /** Starts compressing a batch's frames on the thread pool (gzip files, with Node's zlib in use). */
  private startAhead(r: Received): void {
    if (r.ahead || r.m.op !== 'append' || !r.plan || !this.deps.aheadOn()) return;
    const m = r.m;
    const plan = r.plan;
    this.aheadBatches += 1;
    r.ahead = Promise.all(plan.keys.map((k) => (m.data[k] ? this.deps.ahead.start(m.data[k], m.rows, plan.level, r.batch) : undefined))).then(() => undefined);
  }

  private async drain(): Promise<void> {
    this.draining = true;
    while (this.queue.length > 0) {
      const r = this.queue[0]!;
      try {
        await this.deps.load();
      } catch (err) {
        this.queue.shift();
        this.deps.post({ id: r.m.id, ok: false, error: err instanceof Error ? err.message : String(err) }, []);
        continue;
      }
      this.startAhead(r);
      if (r.ahead) {
        await r.ahead;
        this.aheadBatches -= 1;
        // The next batch compresses while this one is written.
        const next = this.queue.find((x, i) => i > 0 && !x.ahead && x.m.op === 'append');
        if (next) this.startAhead(next);
      }
      this.queue.shift();
      const reply = this.deps.handle(r.m, r.batch);
      this.deps.post(reply, reply.buffers ?? []);
    }
    this.draining = false;
  }
}

function planOf(m: Extract<WriterRequest, { op: 'begin' }>): AheadPlan | undefined {
  if (m.compression.kind !== 'gzip') return undefined;
  const keys = Object.entries(m.descriptor.data_keys)
    .filter(([, dk]) => rowsPerChunk(dk.shape) === 1)
    .map(([k]) => k);
  return keys.length > 0 ? { level: effectiveLevel('gzip', m.compression.level), keys } : undefined;
}
