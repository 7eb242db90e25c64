// The compressor thread: compresses frames with an HDF5 plugin filter (blosc, bitshuffle, lz4, bzip2) for the
// writer thread, on the other core, so the writer only copies the results into the file (chunks-ahead.ts).
// It has its own h5wasm, with the plugins, and calls the plugin's filter function directly, exactly as HDF5 calls
// it when writing a chunk: same function, same cd_values, so the bytes are the ones HDF5 would have written.
import fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parentPort } from 'node:worker_threads';
import { storedAsIs } from './blosc-frame.ts';
import { PLUGIN_FILTER_NAMES } from './codecs.ts';
import { captureFunctionTable, filterFunction, type FilterFunction, type H5Module } from './filter-table.ts';
import { loadH5wasm } from './h5wasm.ts';
import type { CompressRequest, CompressReply } from './compressor-protocol.ts';

captureFunctionTable();

type H5 = Awaited<ReturnType<typeof loadH5wasm>>;
let h5: H5 | undefined;
const filters = new Map<number, FilterFunction | undefined>();

/** The plugin's filter function; HDF5 loads a plugin the first time a dataset uses it, so a scratch file does. */
function filterFor(module: H5Module, id: number, cd: number[]): FilterFunction | undefined {
  if (filters.has(id)) return filters.get(id);
  const name = PLUGIN_FILTER_NAMES.get(id);
  let fn: FilterFunction | undefined;
  if (name) {
    const scratch = join(tmpdir(), `daq-compressor-${process.pid}-${id}.h5`);
    try {
      const f = new h5!.File(scratch, 'w');
      f.create_dataset({ name: 'x', data: new Uint8Array(4096), shape: [4096], chunks: [4096], compression: id, compression_opts: cd } as never); // compressible: the filter succeeds
      f.close();
      fn = filterFunction(module, id, name)?.fn;
    } catch {
      fn = undefined; // the writer compresses these chunks itself
    } finally {
      fs.rmSync(scratch, { force: true });
    }
  }
  filters.set(id, fn);
  return fn;
}

function compress(m: CompressRequest): (Uint8Array | null)[] {
  const module = (h5 as unknown as { Module: H5Module }).Module;
  const fn = filterFor(module, m.filter, m.cd);
  if (!fn) return new Array<null>(m.rows).fill(null);
  const rowBytes = m.data.byteLength / m.rows;
  const cdPtr = module._H5allocate_memory(Math.max(4, m.cd.length * 4), 0) >>> 0;
  const slots = module._H5allocate_memory(8, 0) >>> 0; // buf*, then buf_size
  const outs: (Uint8Array | null)[] = [];
  let at = 0;
  try {
    new Uint32Array(module.HEAPU8.buffer, cdPtr, m.cd.length).set(m.cd);
    for (let r = 0; r < m.rows; r++) {
      const input = module._H5allocate_memory(rowBytes, 0) >>> 0;
      if (input === 0) {
        outs.push(null);
        continue;
      }
      module.HEAPU8.set(m.data.subarray(r * rowBytes, (r + 1) * rowBytes), input);
      let view = new DataView(module.HEAPU8.buffer);
      view.setUint32(slots, input, true);
      view.setUint32(slots + 4, rowBytes, true);
      const n = fn(0, m.cd.length, cdPtr, rowBytes, slots + 4, slots) >>> 0;
      view = new DataView(module.HEAPU8.buffer); // the filter may have grown the memory
      const buf = view.getUint32(slots, true);
      // On success the filter freed the input and `buf` is its output; on failure `buf` is still the input, which
      // the writer's filter then stores in the filter's own form where it has one (blosc-frame.ts).
      const asIs = n === 0 ? storedAsIs(m.filter)?.(module.HEAPU8.subarray(buf, buf + rowBytes), m.cd) : undefined;
      if (n === 0 && !asIs) outs.push(null);
      else if (asIs) outs.push(asIs);
      else if (at + n <= m.out.byteLength) {
        m.out.set(module.HEAPU8.subarray(buf, buf + n), at);
        outs.push(m.out.subarray(at, at + n));
        at += n;
      } else outs.push(module.HEAPU8.slice(buf, buf + n));
      module._H5free_memory(buf);
    }
  } finally {
    module._H5free_memory(cdPtr);
    module._H5free_memory(slots);
  }
  return outs;
}

// Loads h5wasm at once and says so (reply id 0): the writer sends work only to a thread that is ready.
let queue = loadH5wasm().then((m) => {
  h5 = m;
  parentPort!.postMessage({ id: 0, outs: [] } satisfies CompressReply);
});
parentPort!.on('message', (m: CompressRequest) => {
  queue = queue.then(() => {
    let reply: CompressReply;
    try {
      reply = { id: m.id, outs: compress(m) }; // h5wasm is loaded: the queue starts with loading it
    } catch (err) {
      reply = { id: m.id, outs: [], error: err instanceof Error ? err.message : String(err) };
    }
    parentPort!.postMessage(reply, reply.outs.flatMap((o) => (o && o.buffer instanceof ArrayBuffer ? [o.buffer] : [])));
  });
});
