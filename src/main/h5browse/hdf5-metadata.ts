// Size (~440 lines): one read-only walker of the HDF5 format (superblock, object headers, chunk indexes) that only makes sense whole.
// A read-only walker of HDF5 file metadata, for what h5wasm does not expose (object addresses, chunk indexes).
// It follows the HDF5 file-format specification (version 3): superblocks 0–3, object headers 1–2, compact,
// symbol-table and dense (fractal heap + v2 B-tree) groups, hard and soft links, and both B-tree versions.
// Structures it does not know throw `Unsupported`; callers turn that into "no number" rather than a guess.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

const SIGNATURE = Buffer.from([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]);
export const MSG = { linkInfo: 0x02, layout: 0x08, filters: 0x0b, link: 0x06, continuation: 0x10, symbolTable: 0x11 } as const;

export class Unsupported extends Error {}

export const log2 = (n: number) => Math.floor(Math.log2(n));
/** Bytes HDF5 uses to encode a count up to `n` (H5VM_limit_enc_size). */
export const encSize = (n: number) => Math.floor(log2(Math.max(n, 1)) / 8) + 1;

export class FileReader {
  private readonly fd: number;
  private readonly size: number;
  base = 0;
  offsetSize = 8;
  lengthSize = 8;
  /** Metadata bytes still allowed: the Browser asks on every click, so a gigantic chunk index gives up, not hangs. */
  private budget: number;

  constructor(path: string, budget = 64 * 2 ** 20) {
    this.budget = budget;
    this.fd = openSync(path, 'r');
    this.size = fstatSync(this.fd).size;
  }

  close() {
    closeSync(this.fd);
  }

  /** `len` bytes at a file address (relative to the base address unless `absolute`). */
  bytes(addr: number, len: number, absolute = false): Buffer {
    const at = absolute ? addr : this.base + addr;
    if (at < 0 || at + len > this.size) throw new Unsupported(`address ${at} is outside the file`);
    this.budget -= len;
    if (this.budget < 0) throw new Unsupported('more metadata than one look reads');
    const b = Buffer.alloc(len);
    readSync(this.fd, b, 0, len, at);
    return b;
  }

  fileSize() {
    return this.size;
  }
}

/** A cursor over a buffer read from the file, knowing the file's offset and length sizes. */
export class Cursor {
  readonly buf: Buffer;
  private readonly r: FileReader;
  pos: number;

  constructor(buf: Buffer, r: FileReader, pos = 0) {
    this.buf = buf;
    this.r = r;
    this.pos = pos;
  }
  u8() {
    return this.buf.readUInt8(this.pos++);
  }
  u16() {
    const v = this.buf.readUInt16LE(this.pos);
    this.pos += 2;
    return v;
  }
  u32() {
    const v = this.buf.readUInt32LE(this.pos);
    this.pos += 4;
    return v;
  }
  /** Little-endian unsigned integer of `n` bytes (n ≤ 8); numbers above 2^53 do not occur in real files. */
  uint(n: number): number {
    let v = 0;
    for (let i = n - 1; i >= 0; i--) v = v * 256 + this.buf[this.pos + i]!;
    this.pos += n;
    return v;
  }
  /** A file address, or undefined for HDF5's "undefined address" (all bits set). */
  addr(): number | undefined {
    const n = this.r.offsetSize;
    const undef = this.buf.subarray(this.pos, this.pos + n).every((b) => b === 0xff);
    const v = this.uint(n);
    return undef ? undefined : v;
  }
  len() {
    return this.uint(this.r.lengthSize);
  }
  skip(n: number) {
    this.pos += n;
    return this;
  }
  /** A second cursor over the same bytes. */
  at(pos: number) {
    return new Cursor(this.buf, this.r, pos);
  }
  get offsetSize() {
    return this.r.offsetSize;
  }
  signature(expected: string) {
    const s = this.buf.toString('latin1', this.pos, this.pos + 4);
    if (s !== expected) throw new Unsupported(`expected ${expected}, found ${JSON.stringify(s)}`);
    this.pos += 4;
  }
}

export interface Message {
  type: number;
  data: Buffer;
}

export function cursorAt(r: FileReader, addr: number, len: number) {
  return new Cursor(r.bytes(addr, len), r);
}

/** Finds the superblock (at 0, 512, 1024, … when a user block precedes it) and returns the root group's header address. */
export function readSuperblock(r: FileReader): number {
  for (let at = 0; at < r.fileSize(); at = at === 0 ? 512 : at * 2) {
    const head = r.bytes(at, Math.min(96, r.fileSize() - at), true);
    if (!head.subarray(0, 8).equals(SIGNATURE)) continue;
    const version = head[8]!;
    if (version === 0 || version === 1) {
      r.offsetSize = head[13]!;
      r.lengthSize = head[14]!;
      const c = new Cursor(head, r, 24 + (version === 1 ? 4 : 0));
      r.base = c.uint(r.offsetSize);
      c.skip(3 * r.offsetSize); // free-space info, end of file, driver info
      c.skip(r.offsetSize); // root symbol table entry: link name offset
      const root = c.addr();
      if (root === undefined) throw new Unsupported('no root group');
      return root;
    }
    if (version === 2 || version === 3) {
      r.offsetSize = head[9]!;
      r.lengthSize = head[10]!;
      const c = new Cursor(head, r, 12);
      r.base = c.uint(r.offsetSize);
      c.skip(2 * r.offsetSize); // superblock extension, end of file
      const root = c.addr();
      if (root === undefined) throw new Unsupported('no root group');
      return root;
    }
    throw new Unsupported(`superblock version ${version}`);
  }
  throw new Unsupported('no HDF5 superblock');
}

/** Every message of an object header (versions 1 and 2), continuation blocks included. */
export function readMessages(r: FileReader, addr: number): Message[] {
  const probe = r.bytes(addr, 16);
  const v2 = probe.toString('latin1', 0, 4) === 'OHDR';
  if (!v2 && probe[0] !== 1) throw new Unsupported(`object header version ${probe[0]}`);
  // Version 2 messages: type (1), size (2), flags (1), creation order (2, when tracked); version 1: type (2),
  // size (2), flags (1), reserved (3). A v2 block's tail shorter than a message header is a gap.
  const flags = v2 ? probe[5]! : 0;
  const headerLen = v2 ? 4 + (flags & 0x04 ? 2 : 0) : 8;
  const blocks: { addr: number; len: number }[] = [];
  if (v2) {
    const pos = 6 + (flags & 0x20 ? 16 : 0) + (flags & 0x10 ? 4 : 0);
    const sizeBytes = 1 << (flags & 3);
    blocks.push({ addr: addr + pos + sizeBytes, len: new Cursor(r.bytes(addr, pos + sizeBytes), r, pos).uint(sizeBytes) });
  } else blocks.push({ addr: addr + 16, len: probe.readUInt32LE(8) });
  const out: Message[] = [];
  for (let i = 0; i < blocks.length; i++) {
    let { addr: start, len } = blocks[i]!;
    if (v2 && i > 0) {
      // v2 continuation blocks start with OCHK and end with a checksum (counted in their length).
      if (r.bytes(start, 4).toString('latin1') !== 'OCHK') throw new Unsupported('bad continuation block');
      start += 4;
      len -= 8;
    }
    const c = cursorAt(r, start, len);
    while (c.pos + headerLen <= c.buf.length) {
      const type = v2 ? c.u8() : c.u16();
      const size = c.u16();
      c.skip(headerLen - (v2 ? 3 : 4));
      const data = c.buf.subarray(c.pos, c.pos + size);
      c.skip(size);
      if (type === MSG.continuation) {
        if (blocks.length > 1000) throw new Unsupported('continuation blocks loop'); // a damaged header
        const m = new Cursor(data, r);
        blocks.push({ addr: m.addr()!, len: m.len() });
      } else out.push({ type, data });
    }
  }
  return out;
}

type Link = { kind: 'hard'; addr: number } | { kind: 'soft'; path: string } | { kind: 'other' };

/** Parses a link message (type 6); returns its name and target. */
function parseLink(r: FileReader, data: Buffer): { name: string; link: Link } {
  const c = new Cursor(data, r);
  c.u8(); // version 1
  const flags = c.u8();
  const type = flags & 0x08 ? c.u8() : 0;
  if (flags & 0x04) c.skip(8);
  if (flags & 0x10) c.skip(1);
  const nameLen = c.uint(1 << (flags & 3));
  const name = data.toString('utf8', c.pos, c.pos + nameLen);
  c.skip(nameLen);
  if (type === 0) return { name, link: { kind: 'hard', addr: c.addr()! } };
  if (type === 1) {
    const n = c.u16();
    return { name, link: { kind: 'soft', path: data.toString('utf8', c.pos, c.pos + n) } };
  }
  return { name, link: { kind: 'other' } };
}

/** Walks a version 1 B-tree (group nodes: type 0, chunk nodes: type 1), calling `leaf` for each child of a level-0 node. */
export function walkV1BTree(r: FileReader, addr: number, keySize: number, leaf: (key: Cursor, child: number) => void) {
  const head = r.bytes(addr, 8);
  if (head.toString('latin1', 0, 4) !== 'TREE') throw new Unsupported('bad v1 B-tree node');
  const level = head[5]!;
  const entries = head.readUInt16LE(6);
  const c = cursorAt(r, addr + 8, 2 * r.offsetSize + entries * (keySize + r.offsetSize) + keySize);
  c.skip(2 * r.offsetSize); // siblings
  for (let i = 0; i < entries; i++) {
    const key = new Cursor(c.buf, r, c.pos);
    c.skip(keySize);
    const child = c.addr()!;
    if (level > 0) walkV1BTree(r, child, keySize, leaf);
    else leaf(key, child);
  }
}

/** Records of a version 2 B-tree, in key order. */
export function walkV2BTree(r: FileReader, addr: number, record: (c: Cursor) => void) {
  const c = cursorAt(r, addr, 16 + r.offsetSize + 2 + r.lengthSize);
  c.signature('BTHD');
  c.skip(2); // version, type
  const nodeSize = c.u32();
  const recSize = c.u16();
  const depth = c.u16();
  c.skip(2); // split and merge percentages
  const root = c.addr();
  const rootRecords = c.u16();
  if (root === undefined) return;
  // Node geometry as the library derives it (H5B2__hdr_init): how many records fit, and how wide the counts are.
  const prefix = 10; // signature, version, type, checksum
  const maxLeaf = Math.floor((nodeSize - prefix) / recSize);
  const recCountSize = encSize(maxLeaf);
  const cumMax: number[] = [maxLeaf];
  const cumSize: number[] = [0];
  for (let d = 1; d <= depth; d++) {
    const pointer = r.offsetSize + recCountSize + (d > 1 ? cumSize[d - 1]! : 0);
    const maxInt = Math.floor((nodeSize - prefix) / (recSize + pointer));
    cumMax[d] = (maxInt + 1) * cumMax[d - 1]! + maxInt;
    cumSize[d] = encSize(cumMax[d]!);
  }
  const node = (at: number, records: number, d: number) => {
    const n = cursorAt(r, at, nodeSize);
    n.signature(d === 0 ? 'BTLF' : 'BTIN');
    n.skip(2);
    const recs = n.pos;
    n.skip(records * recSize);
    const children: { addr: number; records: number }[] = [];
    if (d > 0) {
      for (let i = 0; i <= records; i++) {
        const child = n.addr()!;
        const count = n.uint(recCountSize);
        if (d > 1) n.uint(cumSize[d - 1]!);
        children.push({ addr: child, records: count });
      }
    }
    for (let i = 0; i < records; i++) {
      if (d > 0) node(children[i]!.addr, children[i]!.records, d - 1);
      record(new Cursor(n.buf, r, recs + i * recSize));
    }
    if (d > 0) node(children[records]!.addr, children[records]!.records, d - 1);
  };
  node(root, rootRecords, depth);
}

/** The objects of a fractal heap, found by heap ID (dense link storage keeps link messages there). */
class FractalHeap {
  private readonly r: FileReader;
  private readonly idLen: number;
  private readonly offSize: number;
  private readonly lenSize: number;
  private readonly width: number;
  private readonly start: number;
  private readonly maxDirect: number;
  private readonly root: number | undefined;
  private readonly rootRows: number;

  constructor(r: FileReader, addr: number) {
    this.r = r;
    const c = cursorAt(r, addr, 22 + 12 * r.lengthSize + 3 * r.offsetSize);
    c.signature('FRHP');
    c.u8();
    this.idLen = c.u16();
    if (c.u16() !== 0) throw new Unsupported('filtered fractal heap');
    c.u8(); // flags
    const maxManaged = c.u32();
    c.len(); // next huge id
    c.addr(); // huge objects B-tree
    c.len(); // free space
    c.addr(); // free-space manager
    c.skip(8 * r.lengthSize); // managed space, allocated, iterator, counts and sizes
    this.width = c.u16();
    this.start = c.len();
    this.maxDirect = c.len();
    const maxHeapBits = c.u16();
    c.u16(); // starting rows in root indirect block
    this.root = c.addr();
    this.rootRows = c.u16();
    this.offSize = Math.ceil(maxHeapBits / 8);
    this.lenSize = Math.min(Math.ceil(log2(this.maxDirect) / 8), encSize(maxManaged));
  }

  /** The bytes of the object a heap ID names. */
  get(id: Buffer): Buffer {
    const kind = (id[0]! >> 4) & 3;
    if (kind === 2) return id.subarray(1, 1 + (id[0]! & 0x0f) + 1); // tiny: stored in the ID itself
    if (kind !== 0) throw new Unsupported('huge object in a fractal heap');
    const c = new Cursor(id, this.r, 1);
    const offset = c.uint(this.offSize);
    const length = c.uint(this.lenSize);
    if (this.root === undefined) throw new Unsupported('empty fractal heap');
    const block = this.rootRows === 0 ? { addr: this.root, offset: 0 } : this.findDirect(this.root, this.rootRows, 0, offset);
    return this.r.bytes(block.addr + (offset - block.offset), length);
  }

  private rowSize(row: number) {
    return row === 0 ? this.start : this.start * 2 ** (row - 1);
  }

  /** Descends indirect blocks to the direct block holding heap offset `offset`. */
  private findDirect(addr: number, rows: number, blockOffset: number, offset: number): { addr: number; offset: number } {
    const directRows = log2(this.maxDirect) - log2(this.start) + 2;
    const c = cursorAt(this.r, addr, 5 + this.r.offsetSize + this.offSize + rows * this.width * this.r.offsetSize);
    c.signature('FHIB');
    c.skip(1 + this.r.offsetSize + this.offSize);
    let at = blockOffset;
    for (let row = 0; row < rows; row++) {
      const size = this.rowSize(row);
      for (let col = 0; col < this.width; col++) {
        const child = c.addr();
        if (offset >= at && offset < at + size && child !== undefined) {
          if (row < directRows) return { addr: child, offset: at };
          const childRows = log2(size) - (log2(this.start) + log2(this.width)) + 1;
          return this.findDirect(child, childRows, at, offset);
        }
        at += size;
      }
    }
    throw new Unsupported('heap offset not found');
  }

  get idLength() {
    return this.idLen;
  }
}

/** The address of the object a child link names, in a group's object header. */
function lookupChild(r: FileReader, group: Message[], name: string): Link | undefined {
  for (const m of group) {
    if (m.type === MSG.link) {
      const l = parseLink(r, m.data);
      if (l.name === name) return l.link;
    }
  }
  const symtab = group.find((m) => m.type === MSG.symbolTable);
  if (symtab) {
    const c = new Cursor(symtab.data, r);
    const tree = c.addr()!;
    const heap = c.addr()!;
    const h = cursorAt(r, heap, 8 + 2 * r.lengthSize + r.offsetSize);
    h.signature('HEAP');
    h.skip(4);
    const segSize = h.len();
    h.len();
    const segment = r.bytes(h.addr()!, segSize);
    let found: Link | undefined;
    walkV1BTree(r, tree, r.lengthSize, (_key, snod) => {
      const count = r.bytes(snod, 8).readUInt16LE(6);
      const s = cursorAt(r, snod, 8 + count * (2 * r.offsetSize + 24));
      s.signature('SNOD');
      s.skip(4);
      for (let i = 0; i < count && !found; i++) {
        const nameOff = s.uint(r.offsetSize);
        const obj = s.addr();
        const cache = s.u32();
        const linkOff = s.skip(4).u32(); // cache type 2 (soft link): the scratch pad holds the target's heap offset
        s.skip(12);
        const text = (off: number) => segment.toString('utf8', off, segment.indexOf(0, off));
        if (text(nameOff) !== name) continue;
        if (cache === 2) found = { kind: 'soft', path: text(linkOff) };
        else if (obj !== undefined) found = { kind: 'hard', addr: obj };
      }
    });
    return found;
  }
  const info = group.find((m) => m.type === MSG.linkInfo);
  if (info) {
    const c = new Cursor(info.data, r);
    c.u8();
    if (c.u8() & 1) c.skip(8);
    const heapAddr = c.addr();
    const nameIndex = c.addr();
    if (heapAddr === undefined || nameIndex === undefined) return undefined;
    const heap = new FractalHeap(r, heapAddr);
    let found: Link | undefined;
    walkV2BTree(r, nameIndex, (rec) => {
      if (found) return;
      rec.skip(4); // name hash
      const l = parseLink(r, heap.get(rec.buf.subarray(rec.pos, rec.pos + heap.idLength)));
      if (l.name === name) found = l.link;
    });
    return found;
  }
  return undefined;
}

/** The object header address of the object at an absolute path, following hard and soft links. */
export function resolve(r: FileReader, root: number, path: string, depth = 0): number {
  if (depth > 16) throw new Unsupported('too many soft links');
  let at = root;
  const parts = path.split('/').filter(Boolean);
  for (let i = 0; i < parts.length; i++) {
    const link = lookupChild(r, readMessages(r, at), parts[i]!);
    if (!link) throw new Unsupported(`no link ${parts[i]}`);
    if (link.kind === 'other') throw new Unsupported('external or user-defined link');
    if (link.kind === 'soft') {
      const here = '/' + parts.slice(0, i).join('/');
      const target = link.path.startsWith('/') ? link.path : `${here}/${link.path}`;
      at = resolve(r, root, [target, ...parts.slice(i + 1)].join('/'), depth + 1);
      return at;
    }
    at = link.addr;
  }
  return at;
}

