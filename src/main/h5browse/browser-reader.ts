// The Browser's reader as the session sees it: the same calls as the data provider (provider.ts), but served by
// a worker thread (reader-worker.ts) with a time budget per call. No file, however damaged, can freeze the app:
// past the budget the thread is terminated, the caller gets "cannot be opened: it is damaged or truncated" (or
// "cannot be read" for a file already open), and the next call starts a fresh thread. Files that were open in
// the terminated thread are reopened there on their next use, under the same ids.
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Envelope, NodeInfo, OpenFile, PlotDescription, Slice, TreeNode } from '../../shared/browse.ts';
import { DaqError } from '../../shared/errors.ts';
import { findProjectRoot } from '../paths.ts';
import type { ReaderMethod, ReaderReply, ReaderRequest } from './reader-worker.ts';

/** Time budget of one call; generous, because a slice of a big compressed dataset legitimately takes seconds. */
export const READ_BUDGET_MS = 15_000;
/** An export walks whole datasets: it gets longer. */
export const EXPORT_BUDGET_MS = 120_000;

export interface BrowserReaderOptions {
  budgetMs?: number;
  exportBudgetMs?: number;
}

/** The built reader script; in a packaged app it is unpacked next to the archive (electron-builder.yml: asarUnpack). */
export function builtReaderWorkerPath(appRoot: string): string {
  return join(appRoot.replace(/\.asar(?=$|[\\/])/, '.asar.unpacked'), 'out', 'main', 'h5browse-worker.js');
}

/** Set (to true) only in the CLI bundle, by scripts/build-cli.mjs. */
declare const __DAQ_CLI_BUNDLE__: boolean | undefined;

function workerUrl(): URL {
  // From source (Node strips types) the worker is the .ts next to this file; in the Electron bundle it is the
  // separately built out/main/h5browse-worker.js (electron.vite.config.ts).
  if (import.meta.url.endsWith('.ts')) return new URL('./reader-worker.ts', import.meta.url);
  // The `daq` CLI bundle (scripts/build-cli.mjs) has its own worker beside it, in out/cli.
  if (typeof __DAQ_CLI_BUNDLE__ !== 'undefined') return new URL('./h5browse-worker.js', import.meta.url);
  return pathToFileURL(builtReaderWorkerPath(findProjectRoot()));
}

interface OpenRecord {
  info: OpenFile;
  /** The id the current reader thread knows the file by. */
  workerId: number;
  /** Which reader thread that id belongs to. */
  generation: number;
}

export class BrowserReader {
  private worker: Worker | undefined;
  private generation = 0;
  private readonly files = new Map<number, OpenRecord>();
  private nextId = 1;
  private nextCall = 1;
  private readonly waiting = new Map<number, { resolve: (r: ReaderReply) => void; reject: (e: unknown) => void }>();
  /** One call at a time, so a call's budget measures its own work, not a queue behind a stuck one. */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly budgetMs: number;
  private readonly exportBudgetMs: number;

  constructor(opts: BrowserReaderOptions = {}) {
    this.budgetMs = opts.budgetMs ?? READ_BUDGET_MS;
    this.exportBudgetMs = opts.exportBudgetMs ?? EXPORT_BUDGET_MS;
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    // No inherited Node flags (see nexus-writer.ts): the worker needs none.
    const w = new Worker(workerUrl(), { execArgv: [] });
    w.unref(); // an idle reader never keeps the process alive
    w.on('message', (r: ReaderReply) => {
      const p = this.waiting.get(r.id);
      this.waiting.delete(r.id);
      p?.resolve(r);
    });
    const died = (why: string) => {
      if (this.worker !== w) return;
      this.dropThread(new DaqError('IO_ERROR', `The HDF5 reader stopped (${why}); try again.`));
    };
    w.on('error', (err) => died(err.message));
    w.on('exit', (code) => died(`exit code ${code}`));
    this.worker = w;
    return w;
  }

  /** Terminates the reader thread; calls still waiting fail with `why`; open files are reopened on next use. */
  private dropThread(why: DaqError): void {
    const w = this.worker;
    this.worker = undefined;
    this.generation++;
    for (const p of this.waiting.values()) p.reject(why);
    this.waiting.clear();
    if (w) void w.terminate();
  }

  private call<T>(method: ReaderMethod, args: unknown[], budgetMs: number, tooSlow: () => DaqError): Promise<T> {
    const run = async (): Promise<T> => {
      const w = this.thread();
      const id = this.nextCall++;
      let timer: ReturnType<typeof setTimeout> | undefined;
      try {
        const reply = await new Promise<ReaderReply>((resolve, reject) => {
          this.waiting.set(id, { resolve, reject });
          timer = setTimeout(() => {
            const err = tooSlow();
            this.waiting.delete(id);
            reject(err);
            this.dropThread(new DaqError('IO_ERROR', 'The HDF5 reader was restarted after a damaged file; try again.'));
          }, budgetMs);
          w.postMessage({ id, method, args } satisfies ReaderRequest);
        });
        if (!reply.ok) throw new DaqError(reply.error.code, reply.error.message);
        return reply.value as T;
      } finally {
        clearTimeout(timer);
      }
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private seconds(ms: number): string {
    return `${Math.round(ms / 100) / 10} s`;
  }

  async open(path: string): Promise<OpenFile> {
    const opened = await this.call<OpenFile>('open', [path], this.budgetMs, () => new DaqError('IO_ERROR', `${path} cannot be opened: it is damaged or truncated (reading it took longer than ${this.seconds(this.budgetMs)}, so it was given up).`));
    const info: OpenFile = { ...opened, id: this.nextId++ };
    this.files.set(info.id, { info, workerId: opened.id, generation: this.generation });
    return info;
  }

  list(): OpenFile[] {
    return [...this.files.values()].map((f) => f.info);
  }

  close(id: number): void {
    const f = this.files.get(id);
    if (!f) return;
    this.files.delete(id);
    if (f.generation === this.generation && this.worker) void this.call('close', [f.workerId], this.budgetMs, () => new DaqError('IO_ERROR', `${f.info.file} did not close in time.`)).catch(() => undefined);
  }

  /** The file's id in the current reader thread, reopening it there after a restart. */
  private async target(id: number): Promise<OpenRecord> {
    const f = this.files.get(id);
    if (!f) throw new DaqError('NOT_FOUND', `No open file with id ${id}; open it again.`);
    if (f.generation !== this.generation) {
      const opened = await this.call<OpenFile>('open', [f.info.file], this.budgetMs, () => {
        this.files.delete(id);
        return new DaqError('IO_ERROR', `${f.info.file} cannot be opened: it is damaged or truncated (reading it took longer than ${this.seconds(this.budgetMs)}, so it was given up).`);
      });
      f.workerId = opened.id;
      f.generation = this.generation;
    }
    return f;
  }

  private async read<T>(id: number, method: ReaderMethod, what: string, rest: unknown[], budgetMs = this.budgetMs): Promise<T> {
    const f = await this.target(id);
    return this.call<T>(method, [f.workerId, ...rest], budgetMs, () => {
      this.files.delete(id);
      return new DaqError('IO_ERROR', `${f.info.file} cannot be read: it is damaged or truncated (reading ${what} took longer than ${this.seconds(budgetMs)}, so it was given up and the file closed). Open it again to retry.`);
    });
  }

  children(id: number, path: string): Promise<TreeNode[]> {
    return this.read(id, 'children', path, [path]);
  }

  search(id: number, text: string): Promise<TreeNode[]> {
    return this.read(id, 'search', 'the file', [text]);
  }

  info(id: number, path: string): Promise<NodeInfo> {
    return this.read(id, 'info', path, [path]);
  }

  slice(id: number, path: string, ranges: ([number, number] | null)[]): Promise<Slice> {
    return this.read(id, 'slice', path, [path, ranges]);
  }

  envelope(id: number, path: string, from: number, to: number, buckets: number): Promise<Envelope> {
    return this.read(id, 'envelope', path, [path, from, to, buckets]);
  }

  defaultPlot(id: number, path = '/'): Promise<PlotDescription | null> {
    return this.read(id, 'defaultPlot', path, [path]);
  }

  exportSelection(id: number, paths: string[], ranges: ([number, number] | null)[], format: 'csv' | 'npy', out: string): Promise<{ file: string; bytes: number }> {
    return this.read(id, 'exportSelection', paths.join(', '), [paths, ranges, format, out], this.exportBudgetMs);
  }

  /** Reopens a file being written, so new points and scans become visible; the id stays. */
  async refresh(id: number): Promise<OpenFile> {
    const f = await this.target(id);
    const opened = await this.read<OpenFile>(id, 'refresh', 'the file', []);
    f.info = { ...opened, id };
    f.workerId = opened.id;
    return f.info;
  }

  /** Ends the reader thread (the session is closing). */
  async dispose(): Promise<void> {
    this.files.clear();
    const w = this.worker;
    this.worker = undefined;
    if (w) await w.terminate();
  }
}
