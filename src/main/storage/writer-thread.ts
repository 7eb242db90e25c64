// Starting the scan writer's worker thread (nexus-worker.ts). Loading h5wasm there takes a few hundred ms, and
// a scan's first point waits for it (the entry exists before the first point, see nexus-writer.ts). A command
// that is about to write a scan (`daq scan`) starts the thread first, so it loads h5wasm while the main thread
// loads and opens the session; the session's writer then adopts that thread instead of starting its own.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { findProjectRoot } from '../paths.ts';

/** Set (to true) only in the CLI bundle, by scripts/build-cli.mjs. */
declare const __DAQ_CLI_BUNDLE__: boolean | undefined;

function workerUrl(): URL {
  // From source (Node strips types) the worker is the .ts next to this file; in the Electron bundle it is the
  // separately built out/main/nexus-worker.js.
  if (import.meta.url.endsWith('.ts')) return new URL('./nexus-worker.ts', import.meta.url);
  // The `daq` CLI bundle (scripts/build-cli.mjs) has its own worker beside it, in out/cli.
  if (typeof __DAQ_CLI_BUNDLE__ !== 'undefined') return new URL('./nexus-worker.js', import.meta.url);
  return pathToFileURL(builtWorkerPath(findProjectRoot()));
}

/** The built worker script; in a packaged app it is unpacked next to the archive (electron-builder.yml: asarUnpack). */
export function builtWorkerPath(appRoot: string): string {
  return join(appRoot.replace(/\.asar(?=$|[\\/])/, '.asar.unpacked'), 'out', 'main', 'nexus-worker.js');
}

let spare: { worker: Worker; exited: boolean; onError: () => void; onExit: () => void } | undefined;

/**
 * Starts a writer thread now and has it load h5wasm (the "warm" request); the next writer adopts it. It never
 * keeps the process alive on its own, and a thread that failed to start is simply not adopted.
 */
export function prestartWriterThread(): void {
  if (spare) return;
  const worker = newWriterThread();
  const s = { worker, exited: false, onError: () => undefined, onExit: () => (s.exited = true) };
  // Until a writer adopts it, a failure only means it is not adopted (the writer starts a fresh thread instead).
  worker.on('error', s.onError);
  worker.on('exit', s.onExit);
  worker.unref();
  // Id 0 is never used by a writer, so the answer to this request is ignored.
  worker.postMessage({ op: 'warm', id: 0 });
  spare = s;
}

/** The pre-started thread if there is a live one, else a new thread. */
export function takeWriterThread(): Worker {
  const s = spare;
  spare = undefined;
  if (s) {
    s.worker.off('error', s.onError);
    s.worker.off('exit', s.onExit);
    if (!s.exited) return s.worker;
  }
  return newWriterThread();
}

function newWriterThread(): Worker {
  // No inherited Node flags: --input-type (from `node -e`) or --expose-gc would make the worker refuse to start,
  // and it needs none (Node ≥ 22.18 strips types by default).
  return new Worker(workerUrl(), { execArgv: [] });
}
