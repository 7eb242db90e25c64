// The writer thread's queue: requests are handled one at a time in arrival order (HDF5 calls never interleave),
// while the frames of the next batches are already compressed elsewhere (chunks-ahead.ts: Node's thread pool for
// gzip, the compressor thread for the plugin codecs), so the second core compresses while this thread writes. A
// written batch's frame buffers go back to the main thread for reuse.
import type { ChunksAhead, RowCompressor } from './chunks-ahead.ts';
import type { WriterReply, WriterRequest } from './writer-protocol.ts';

type Append = Extract<WriterRequest, { op: 'append' }>;

/** For each channel whose frames are compressed ahead (one frame per chunk): the filter's key and compressor. */
export type AheadPlan = Map<string, { key: string; compress: RowCompressor }>;

interface Received {
  m: WriterRequest;
  /** Which file the request belongs to: the number of begins received before it. */
  file: number;
  /** An append's number, in arrival order (0 for other requests). */
  batch: number;
  ahead?: Promise<void>;
}

export interface InboxDeps {
  /** Loads h5wasm (once); a failure is the reply to the request waiting for it. */
  load: () => Promise<void>;
  handle: (m: WriterRequest, batch: number) => WriterReply;
  post: (reply: WriterReply) => void;
  ahead: ChunksAhead;
  /** After a begin was handled: what of that file's frames can be compressed ahead (its datasets' filters). */
  planAhead: () => AheadPlan | undefined;
}

/** Where a batch's results for one channel are kept (ChunksAhead). */
export function aheadSlot(batch: number, channel: string): string {
  return `${batch}/${channel}`;
}

/** Batches compressed ahead and not yet written: the one being written and the next. */
const AHEAD_BATCHES = 2;
export class WriterInbox {
  private readonly deps: InboxDeps;
  private readonly queue: Received[] = [];
  private files = 0;
  /** The plan of each file once its begin was handled (an earlier file's plan goes when a later one begins). */
  private readonly plans = new Map<number, AheadPlan | undefined>();
  private draining = false;
  private batches = 0;
  private aheadBatches = 0;

  constructor(deps: InboxDeps) {
    this.deps = deps;
  }

  receive(m: WriterRequest): void {
    if (m.op === 'begin') this.files += 1;
    const r: Received = { m, file: this.files, batch: m.op === 'append' ? ++this.batches : 0 };
    this.queue.push(r);
    if (this.aheadBatches < AHEAD_BATCHES) this.startAhead(r);
    if (!this.draining) void this.drain();
  }

  /**
   * A written batch's frame buffers, to hand back: HDF5 is done with them when the write returns (it copied the
   * frames, or got tagged chunks for those compressed ahead), and so is the compressor (the batch waited for it).
   */
  written(m: Append): SharedArrayBuffer[] {
    return Object.values(m.data)
      .map((v) => v.buffer)
      .filter((b): b is SharedArrayBuffer => b instanceof SharedArrayBuffer); // only frame columns are shared (NexusWriter.column)
  }

  /** Starts compressing a batch's frames elsewhere, once its file's plan is known. */
  private startAhead(r: Received): void {
    const plan = this.plans.get(r.file);
    if (r.ahead || r.m.op !== 'append' || !plan) return;
    const m = r.m;
    this.aheadBatches += 1;
    const jobs = [...plan].map(([k, p]) => (m.data[k] ? this.deps.ahead.start(aheadSlot(r.batch, k), m.data[k], m.rows, p.key, p.compress) : undefined));
    r.ahead = Promise.all(jobs).then(() => undefined);
  }

  private async drain(): Promise<void> {
    this.draining = true;
    while (this.queue.length > 0) {
      const r = this.queue[0]!;
      try {
        await this.deps.load();
      } catch (err) {
        this.queue.shift();
        this.deps.post({ id: r.m.id, ok: false, error: err instanceof Error ? err.message : String(err) });
        continue;
      }
      this.startAhead(r);
      if (r.ahead) {
        await r.ahead;
        this.aheadBatches -= 1;
      }
      this.queue.shift();
      // The next batches compress while this one is written (handle blocks this thread, not the others).
      this.startNext();
      const reply = this.deps.handle(r.m, r.batch);
      if (r.m.op === 'begin') {
        this.planned(r.file, reply.ok ? this.deps.planAhead() : undefined);
        this.startNext();
      }
      this.deps.post(reply);
    }
    this.draining = false;
  }

  private startNext(): void {
    for (const next of this.queue) {
      if (this.aheadBatches >= AHEAD_BATCHES) break;
      this.startAhead(next);
    }
  }

  private planned(file: number, plan: AheadPlan | undefined): void {
    for (const f of this.plans.keys()) if (f < file) this.plans.delete(f);
    this.plans.set(file, plan);
  }
}
