// How many bytes a dataset occupies in its file (what h5py's `get_storage_size()` and `h5ls -v` report): h5wasm
// has no H5Dget_storage_size, and the Browser needs the number for a dataset's compression ratio. The dataset's
// data layout message gives it for compact and contiguous data; for chunked data the chunk index is walked —
// v1 B-tree, single chunk, implicit, fixed array, extensible array or v2 B-tree. Only reads.
import { Cursor, cursorAt, FileReader, log2, type Message, MSG, readMessages, readSuperblock, resolve, Unsupported, walkV1BTree, walkV2BTree } from './hdf5-metadata.ts';

/** Bytes of one element of a fixed/extensible array or v2 B-tree record that holds a chunk's filtered size. */
function filteredChunkSize(c: Cursor, sizeLen: number) {
  c.addr();
  return c.uint(sizeLen);
}

/**
 * Bytes of the chunks that `n` fixed/extensible-array elements of `elSize` bytes at the cursor point to. Filtered
 * elements are address, size, filter mask; unfiltered ones only an address (unallocated: undefined).
 */
function chunkEntriesSize(c: Cursor, n: number, elSize: number, filtered: boolean, chunkBytes: number): number {
  const sizeLen = elSize - c.offsetSize - 4;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const e = c.at(c.pos + i * elSize);
    if (filtered) total += filteredChunkSize(e, sizeLen);
    else if (e.addr() !== undefined) total += chunkBytes;
  }
  return total;
}

/** HDF5's page-init bitmaps number their bits from the most significant bit of each byte. */
const bitSet = (mask: Buffer, i: number) => (mask[i >> 3]! & (0x80 >> (i & 7))) !== 0;

function fixedArraySize(r: FileReader, addr: number, chunkBytes: number): number {
  const h = cursorAt(r, addr, 12 + r.lengthSize + r.offsetSize);
  h.signature('FAHD');
  h.u8();
  const filtered = h.u8() === 1;
  const elSize = h.u8();
  const pageBits = h.u8();
  const count = h.len();
  const block = h.addr();
  if (block === undefined) return 0;
  const prefix = 6 + r.offsetSize;
  const pageElements = 2 ** pageBits;
  let total = 0;
  const add = (c: Cursor, n: number) => {
    total += chunkEntriesSize(c, n, elSize, filtered, chunkBytes);
  };
  if (count <= pageElements) {
    add(cursorAt(r, block + prefix, count * elSize), count);
    return total;
  }
  // Paged: a bitmask says which pages exist; pages follow the block, each ending in its own checksum.
  const pages = Math.ceil(count / pageElements);
  const mask = r.bytes(block + prefix, Math.ceil(pages / 8));
  let pageAddr = block + prefix + mask.length + 4;
  for (let p = 0; p < pages; p++) {
    const n = Math.min(pageElements, count - p * pageElements);
    if (bitSet(mask, p)) add(cursorAt(r, pageAddr, n * elSize), n);
    pageAddr += n * elSize + 4;
  }
  return total;
}

function extensibleArraySize(r: FileReader, addr: number, chunkBytes: number): number {
  const h = cursorAt(r, addr, 12 + 6 * r.lengthSize + r.offsetSize + 4);
  h.signature('EAHD');
  h.u8();
  const filtered = h.u8() === 1;
  const elSize = h.u8();
  const maxBits = h.u8();
  const indexElements = h.u8();
  const minElements = h.u8();
  const minPointers = h.u8();
  const pageBits = h.u8();
  h.skip(5 * r.lengthSize); // statistics
  h.len(); // elements realized
  const index = h.addr();
  if (index === undefined) return 0;
  const arrOffSize = Math.ceil(maxBits / 8);
  const pageElements = 2 ** pageBits;
  // Super block geometry (H5EA__hdr_init): super block u holds 2^floor(u/2) data blocks of 2^floor((u+1)/2)·min elements.
  const superBlocks = 1 + (maxBits - log2(minElements));
  const info = Array.from({ length: superBlocks }, (_, u) => ({ blocks: 2 ** Math.floor(u / 2), elements: 2 ** Math.floor((u + 1) / 2) * minElements }));
  const indexSuper = 2 * log2(minPointers);
  const directBlocks = 2 * (minPointers - 1);
  const superPointers = superBlocks - indexSuper;
  let total = 0;
  const add = (c: Cursor, n: number) => {
    total += chunkEntriesSize(c, n, elSize, filtered, chunkBytes);
  };
  // Paged data blocks: which pages exist is one bit per page, counted across all data blocks of the super block.
  const dataBlock = (at: number, elements: number, pageMask?: Buffer, firstBit = 0) => {
    const prefix = 6 + r.offsetSize + arrOffSize;
    if (elements <= pageElements) {
      add(cursorAt(r, at + prefix, elements * elSize), elements);
      return;
    }
    const pages = elements / pageElements;
    let pageAddr = at + prefix + 4;
    for (let p = 0; p < pages; p++) {
      if (pageMask && bitSet(pageMask, firstBit + p)) add(cursorAt(r, pageAddr, pageElements * elSize), pageElements);
      pageAddr += pageElements * elSize + 4;
    }
  };
  const ib = cursorAt(r, index, 6 + r.offsetSize + indexElements * elSize + (directBlocks + superPointers) * r.offsetSize);
  ib.signature('EAIB');
  ib.skip(2 + r.offsetSize);
  add(ib, indexElements);
  ib.skip(indexElements * elSize);
  // Data blocks the index block points to directly belong to the first super blocks.
  let u = 0;
  let inSuper = 0;
  for (let d = 0; d < directBlocks; d++) {
    const at = ib.addr();
    if (at !== undefined) dataBlock(at, info[u]!.elements);
    if (++inSuper === info[u]!.blocks) {
      u++;
      inSuper = 0;
    }
  }
  for (let s = 0; s < superPointers; s++) {
    const at = ib.addr();
    if (at === undefined) continue;
    const sb = info[indexSuper + s]!;
    const paged = sb.elements > pageElements;
    const maskLen = paged ? Math.ceil(sb.elements / pageElements / 8) : 0;
    const c = cursorAt(r, at, 6 + r.offsetSize + arrOffSize + sb.blocks * (maskLen + r.offsetSize));
    c.signature('EASB');
    c.skip(2 + r.offsetSize + arrOffSize);
    const masks = c.buf.subarray(c.pos, c.pos + sb.blocks * maskLen);
    c.skip(sb.blocks * maskLen);
    for (let b = 0; b < sb.blocks; b++) {
      const d = c.addr();
      if (d !== undefined) dataBlock(d, sb.elements, paged ? masks : undefined, (b * sb.elements) / pageElements);
    }
  }
  return total;
}

function v2BTreeChunksSize(r: FileReader, addr: number, filtered: boolean, rank: number, chunkBytes: number): number {
  let total = 0;
  const head = cursorAt(r, addr, 16);
  head.signature('BTHD');
  head.skip(6);
  const recSize = head.u16();
  const sizeLen = recSize - r.offsetSize - 4 - 8 * rank;
  walkV2BTree(r, addr, (c) => {
    if (filtered) total += filteredChunkSize(c, sizeLen);
    else if (c.addr() !== undefined) total += chunkBytes;
  });
  return total;
}

/** Storage size of a dataset from its data layout message. */
function layoutSize(r: FileReader, messages: Message[], shape: number[]): number {
  const layout = messages.find((m) => m.type === MSG.layout);
  if (!layout) throw new Unsupported('no layout message');
  const filtered = messages.some((m) => m.type === MSG.filters);
  const c = new Cursor(layout.data, r);
  const version = c.u8();
  if (version < 3) throw new Unsupported(`layout version ${version}`);
  const cls = c.u8();
  if (cls === 0) return c.u16(); // compact: the data is in the header
  if (cls === 1) {
    const at = c.addr();
    const size = c.len();
    return at === undefined ? 0 : size;
  }
  if (cls !== 2) throw new Unsupported(`layout class ${cls}`);
  if (version === 3) {
    const dims = c.u8();
    const tree = c.addr();
    if (tree === undefined) return 0;
    let total = 0;
    walkV1BTree(r, tree, 8 + 8 * dims, (key) => {
      total += key.u32();
    });
    return total;
  }
  const flags = c.u8();
  const dims = c.u8();
  const dimBytes = c.u8();
  const chunk = Array.from({ length: dims }, () => c.uint(dimBytes));
  const chunkBytes = chunk.reduce((a, b) => a * b, 1); // the last "dimension" is the element size
  const indexType = c.u8();
  if (indexType === 1) {
    const size = flags & 0x02 ? c.len() : chunkBytes;
    if (flags & 0x02) c.skip(4);
    return c.addr() === undefined ? 0 : size;
  }
  if (indexType === 2) {
    const at = c.addr();
    if (at === undefined) return 0;
    const chunks = shape.reduce((n, d, i) => n * Math.ceil(d / chunk[i]!), 1);
    return chunks * chunkBytes;
  }
  if (indexType === 3) {
    c.skip(1);
    const at = c.addr();
    return at === undefined ? 0 : fixedArraySize(r, at, chunkBytes);
  }
  if (indexType === 4) {
    c.skip(5);
    const at = c.addr();
    return at === undefined ? 0 : extensibleArraySize(r, at, chunkBytes);
  }
  if (indexType === 5) {
    c.skip(6);
    const at = c.addr();
    return at === undefined ? 0 : v2BTreeChunksSize(r, at, filtered, dims - 1, chunkBytes);
  }
  throw new Unsupported(`chunk index type ${indexType}`);
}

/**
 * Bytes the dataset at `path` occupies in the file, or undefined when this reader cannot tell (an unsupported
 * structure, a file whose metadata is mid-write, or a chunk index larger than `budget` bytes — 64 MiB, about
 * 1.5 million chunks, read in well under a second). `shape` is the dataset's current shape.
 */
export function datasetStorageSize(file: string, path: string, shape: number[], budget?: number): number | undefined {
  let r: FileReader | undefined;
  try {
    r = new FileReader(file, budget);
    const root = readSuperblock(r);
    return layoutSize(r, readMessages(r, resolve(r, root, path)), shape);
  } catch {
    // Unsupported structures and half-written metadata alike: no number rather than a wrong one.
    return undefined;
  } finally {
    r?.close();
  }
}
