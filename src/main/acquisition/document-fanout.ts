// Delivers the run engine's documents to every subscriber, synchronously and in order, and keeps track of what
// they have not finished: a subscriber may return a promise (not waited for point by point, but at most 256
// outstanding), a promise marked with backpressure() is waited for before the next point, and no wait lasts
// longer than the engine's subscriber timeout. Documents a subscriber publishes while one is being delivered
// (a writer's resource document) follow it, to every subscriber. A subscriber that throws or rejects fails the
// scan through `fail`.
import type { Doc, DocumentCallback } from '../../shared/documents.ts';
import { isBackpressure } from '../backpressure.ts';

/** How many unfinished promises one subscriber may have before the engine waits for it. */
const MAX_PENDING = 256;

interface Subscriber {
  cb: DocumentCallback;
  pending: Set<Promise<void>>;
  /** Did not settle within the timeout during the current scan: no longer waited for until the scan ends. */
  stalled: boolean;
}

export interface FanoutDeps {
  /** A subscriber failed (threw, rejected, or a backpressure wait timed out): the scan fails with it. */
  fail: (err: unknown) => void;
  /** The longest one wait lasts (ms); read at each wait (tests shorten it). */
  timeoutMs: () => number;
  log?: (level: 'info' | 'warn' | 'error', message: string) => void;
}

/** Waits for promises, at most `ms`, and no longer than until `signal` aborts. */
async function settle(promises: Promise<unknown>[], ms: number, signal?: AbortSignal): Promise<'done' | 'timeout' | 'aborted'> {
  if (signal?.aborted) return 'aborted';
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  try {
    return await Promise.race([
      Promise.all(promises).then(() => 'done' as const),
      new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), ms))),
      new Promise<'aborted'>((r) => {
        onAbort = () => r('aborted');
        signal?.addEventListener('abort', onAbort, { once: true });
      }),
    ]);
  } finally {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  }
}

export class DocumentFanout {
  private readonly deps: FanoutDeps;
  private readonly subscribers = new Set<Subscriber>();
  private blocking: Promise<void>[] = [];
  private warnedWriterBehind = false;
  /** Documents published while one is being delivered: they follow it, to every subscriber, in order. */
  private readonly published: Doc[] = [];
  private delivering = false;

  constructor(deps: FanoutDeps) {
    this.deps = deps;
  }

  subscribe(cb: DocumentCallback): () => void {
    const s: Subscriber = { cb, pending: new Set(), stalled: false };
    this.subscribers.add(s);
    return () => this.subscribers.delete(s);
  }

  /** A new run: every subscriber is waited for again, and a slow writer is reported again. */
  newRun(): void {
    for (const s of this.subscribers) s.stalled = false;
    this.warnedWriterBehind = false;
  }

  /** Whether a subscriber asked the engine to wait before the next point. */
  get blocked(): boolean {
    return this.blocking.length > 0;
  }

  /** A document a subscriber publishes: delivered after the one being delivered now (or at once). */
  publish(d: Doc): void {
    this.published.push(d);
    if (!this.delivering) this.emit(this.published.shift()!);
  }

  emit(first: Doc): void {
    this.delivering = true;
    try {
      for (let d: Doc | undefined = first; d; d = this.published.shift()) this.deliver(d);
    } finally {
      this.delivering = false;
    }
  }

  private deliver(d: Doc): void {
    for (const s of this.subscribers) {
      try {
        const r = s.cb(d);
        if (r && typeof (r as Promise<void>).then === 'function') {
          const p: Promise<void> = (r as Promise<void>).catch((err: unknown) => this.deps.fail(err)).finally(() => s.pending.delete(p));
          s.pending.add(p);
          if (isBackpressure(r as Promise<void>)) this.blocking.push(p);
        }
      } catch (err) {
        this.deps.fail(err);
      }
    }
  }

  /**
   * Waits for subscribers that are behind. During a scan (`all` false) Abort interrupts the wait; at the end
   * (`all` true) every subscriber gets up to the timeout to finish (a writer closing its file after an abort).
   */
  async drain(all: boolean, signal?: AbortSignal): Promise<void> {
    const ms = this.deps.timeoutMs();
    const log = this.deps.log;
    if (this.blocking.length) {
      // Said once per scan: a slow disk would otherwise write this line at every point.
      if (!this.warnedWriterBehind) log?.('warn', 'The file writer is behind (its queue is full); acquisition waits for it.');
      this.warnedWriterBehind = true;
      const outcome = await settle(this.blocking.splice(0), ms, all ? undefined : signal);
      if (outcome === 'timeout') this.deps.fail(new Error(`the file writer accepted no data for ${Math.round(ms / 1000)} s, so the scan could not be saved; check the disk and the log`));
    }
    for (const s of this.subscribers) {
      if (s.pending.size === 0 || (s.stalled && !all)) continue;
      if (!all && s.pending.size < MAX_PENDING) continue;
      if (!all) log?.('warn', `A data consumer is behind (${s.pending.size} batches queued); acquisition waits for it.`);
      const outcome = await settle([...s.pending], ms, all ? undefined : signal);
      if (outcome === 'timeout') {
        s.stalled = true;
        // At the end of a scan, forget what it never finished, so the next scan does not wait for it again.
        if (all) s.pending.clear();
        const secs = Math.round(ms / 1000);
        log?.('warn', all ? `A data consumer did not finish within ${secs} s of the scan's end; the report is given without waiting longer.` : `A data consumer did not respond for ${secs} s; the scan goes on without waiting for it.`);
      }
    }
  }
}
