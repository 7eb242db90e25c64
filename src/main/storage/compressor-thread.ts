// The writer thread's side of the compressor thread (compressor-worker.ts): started with the first file whose
// frames use a plugin codec, it compresses each batch's frames while the writer thread writes the batch before.
// While it loads h5wasm (~0.3 s) the writer compresses in the call instead of waiting for it.
// A compressor that fails (cannot start, dies, lacks the plugin) only means the writer compresses in the call:
// nothing is lost, it is only slower.
import { Worker } from 'node:worker_threads';
import type { RowCompressor } from './chunks-ahead.ts';
import type { CompressReply, CompressRequest } from './compressor-protocol.ts';

/** Output buffers kept for reuse: the batches compressed ahead, the one being written and the one before. */
const SPARE_OUTS = 6;

export class CompressorThread {
  private readonly url: URL;
  private worker: Worker | undefined;
  private broken = false;
  /** Whether the thread has loaded h5wasm: until then the writer compresses in the call rather than wait. */
  private ready = false;
  private nextId = 1;
  private readonly waiting = new Map<number, (outs: (Uint8Array | undefined)[]) => void>();
  /** Output buffers (shared memory) free for the next request: a fresh one costs page faults on every frame. */
  private readonly spareOuts: SharedArrayBuffer[] = [];

  constructor(url: URL) {
    this.url = url;
  }

  /** Starts the thread now (the first file with a plugin codec begins), so it is ready for the next batches. */
  prestart(): void {
    this.start();
  }

  /** Compresses rows with plugin filter `filter` and the dataset's cd_values. */
  rows(filter: number, cd: readonly number[]): RowCompressor {
    return (rows) => this.request(filter, [...cd], rows);
  }

  private async request(filter: number, cd: number[], rows: Buffer[]): Promise<{ outs: (Uint8Array | undefined)[]; release?: () => void }> {
    const worker = this.start();
    if (!worker || !this.ready || rows.length === 0) return { outs: [] };
    const rowBytes = rows[0]!.byteLength;
    const first = rows[0]!;
    const contiguous = rows.every((r, i) => r.buffer === first.buffer && r.byteOffset === first.byteOffset + i * rowBytes);
    let data: Uint8Array;
    if (first.buffer instanceof SharedArrayBuffer && contiguous) {
      // The batch's frames are shared memory (NexusWriter): the compressor reads them where they are.
      data = new Uint8Array(first.buffer, first.byteOffset, rowBytes * rows.length);
    } else {
      data = new Uint8Array(rowBytes * rows.length); // a copy the compressor owns
      rows.forEach((r, i) => data.set(r, i * rowBytes));
    }
    // Room for every row's output as large as its input plus the codecs' headers (a row that does not fit comes
    // back in its own buffer).
    const outBytes = rows.length * (rowBytes + 4096);
    const i = this.spareOuts.findIndex((b) => b.byteLength >= outBytes);
    const outBuffer = i >= 0 ? this.spareOuts.splice(i, 1)[0]! : new SharedArrayBuffer(outBytes);
    const m: CompressRequest = { id: this.nextId++, filter, cd, rows: rows.length, data, out: new Uint8Array(outBuffer) };
    const outs = await new Promise<(Uint8Array | undefined)[]>((resolve) => {
      this.waiting.set(m.id, resolve);
      worker.postMessage(m, data.buffer instanceof ArrayBuffer ? [data.buffer] : []);
    });
    const release = () => {
      if (this.spareOuts.length < SPARE_OUTS) this.spareOuts.push(outBuffer);
    };
    return { outs, release };
  }

  private start(): Worker | undefined {
    if (this.worker || this.broken) return this.worker;
    try {
      // No inherited Node flags (see writer-thread.ts); never keeps the writer thread alive by itself.
      const w = new Worker(this.url, { execArgv: [] });
      w.unref();
      w.on('message', (r: CompressReply) => {
        if (r.id === 0) this.ready = true; // loaded
        const done = this.waiting.get(r.id);
        this.waiting.delete(r.id);
        done?.(r.outs.map((o) => o ?? undefined));
      });
      const fail = () => {
        this.broken = true;
        this.worker = undefined;
        for (const done of this.waiting.values()) done([]);
        this.waiting.clear();
      };
      w.on('error', fail);
      w.on('exit', fail);
      this.worker = w;
    } catch {
      this.broken = true;
    }
    return this.worker;
  }
}
