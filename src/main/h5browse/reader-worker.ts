// The Browser's HDF5 reading thread: it hosts the data provider (provider.ts) and answers one call at a time.
// It runs apart from the thread that serves the UI because h5wasm can spin forever on a damaged file (a scan
// file cut after 100 bytes does); browser-reader.ts gives every call a time budget and, past it, terminates
// this thread and starts a fresh one.
import { parentPort } from 'node:worker_threads';
import { DaqError, type ErrorInfo } from '../../shared/errors.ts';
import { H5Provider } from './provider.ts';

export const READER_METHODS = ['open', 'close', 'children', 'search', 'info', 'slice', 'envelope', 'exportSelection', 'refresh', 'defaultPlot'] as const;
export type ReaderMethod = (typeof READER_METHODS)[number];

export interface ReaderRequest {
  id: number;
  method: ReaderMethod;
  args: unknown[];
}

export type ReaderReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: ErrorInfo };

function errorInfo(err: unknown): ErrorInfo {
  if (err instanceof DaqError) return err.toInfo();
  const msg = (err instanceof Error ? err.message : String(err)).split('\n')[0];
  return { code: 'IO_ERROR', message: `The file cannot be read (${msg}); it may be damaged or still being written — try Refresh.` };
}

if (parentPort) {
  const port = parentPort;
  const provider = new H5Provider();
  const known = new Set<string>(READER_METHODS);
  port.on('message', async (req: ReaderRequest) => {
    let reply: ReaderReply;
    try {
      if (!known.has(req.method)) throw new DaqError('BAD_ARGUMENTS', `The HDF5 reader has no method "${String(req.method)}".`);
      const fn = (provider as unknown as Record<string, (...a: unknown[]) => unknown>)[req.method]!;
      reply = { id: req.id, ok: true, value: await fn.apply(provider, req.args) };
    } catch (err) {
      reply = { id: req.id, ok: false, error: errorInfo(err) };
    }
    port.postMessage(reply);
  });
}
