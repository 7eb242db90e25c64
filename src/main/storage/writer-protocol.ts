// The messages between the scan writer on the main thread (nexus-writer.ts) and its writer thread
// (nexus-worker.ts): one request each, answered by one reply with the same id, in order.
import type { DescriptorDoc, StartDoc, StopDoc } from '../../shared/documents.ts';
import type { CompressionLib } from '../../shared/compression.ts';
import type { Compression } from './nexus-layout.ts';

export type WriterRequest =
  | { op: 'begin'; id: number; file: string; entry: string; start: StartDoc; descriptor: DescriptorDoc; compression: Compression; fileExists: boolean }
  | { op: 'append'; id: number; rows: number; data: Record<string, ArrayBufferView>; epochs: Record<string, Float64Array>; times: Float64Array }
  | { op: 'end'; id: number; stop: StopDoc; units: Record<string, string> }
  | { op: 'attach'; id: number; file: string; path: string; data: Uint8Array | string; attrs: Record<string, string> }
  // Loads h5wasm (and its filter plugins) ahead of the first file, so Do Save answers at once (see NexusWriter.warm);
  // with a plugin codec, the compressor thread starts loading too.
  | { op: 'warm'; id: number; compression?: CompressionLib };

export interface WriterReply {
  id: number;
  ok: boolean;
  error?: string;
  /** After begin/append: rows written to the entry; after end: rows a reader finds in the closed file. */
  rows?: number;
  /** Bytes of this thread's WebAssembly memory (it only grows), for the soak benchmark's flat-memory check. */
  wasmHeap?: number;
  /** Frame buffers (shared memory) of written batches, handed back for the next batches (see NexusWriter). */
  buffers?: SharedArrayBuffer[];
  /** Frames of compressed files since the thread started: compressed ahead, or in the call (chunks-ahead.ts). */
  chunks?: { ahead: number; inCall: number };
}
