// Clears the "file is open for writing" marks that a killed writer leaves in an HDF5 superblock (version 2 or
// 3), as `h5clear -s` does, so plain readers (h5py, h5dump, silx) open the file again without any tool. The
// flags byte is zeroed and the superblock's Jenkins lookup3 checksum recomputed. Data the writer flushed stays.
import { closeSync, fstatSync, openSync, readSync, writeSync, fsyncSync } from 'node:fs';
import { DaqError } from '../../shared/errors.ts';

const SIGNATURE = Buffer.from([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Bob Jenkins' lookup3 hashlittle, as HDF5 uses it for metadata checksums (H5_checksum_lookup3, initval 0). */
export function lookup3(data: Uint8Array, initval = 0): number {
  let length = data.length;
  let a = (0xdeadbeef + length + initval) >>> 0;
  let b = a;
  let c = a;
  let k = 0;
  const rot = (x: number, n: number) => ((x << n) | (x >>> (32 - n))) >>> 0;
  while (length > 12) {
    a = (a + (data[k]! + (data[k + 1]! << 8) + (data[k + 2]! << 16) + (data[k + 3]! << 24))) >>> 0;
    b = (b + (data[k + 4]! + (data[k + 5]! << 8) + (data[k + 6]! << 16) + (data[k + 7]! << 24))) >>> 0;
    c = (c + (data[k + 8]! + (data[k + 9]! << 8) + (data[k + 10]! << 16) + (data[k + 11]! << 24))) >>> 0;
    // mix(a, b, c)
    a = (a - c) >>> 0; a ^= rot(c, 4); c = (c + b) >>> 0;
    b = (b - a) >>> 0; b ^= rot(a, 6); a = (a + c) >>> 0;
    c = (c - b) >>> 0; c ^= rot(b, 8); b = (b + a) >>> 0;
    a = (a - c) >>> 0; a ^= rot(c, 16); c = (c + b) >>> 0;
    b = (b - a) >>> 0; b ^= rot(a, 19); a = (a + c) >>> 0;
    c = (c - b) >>> 0; c ^= rot(b, 4); b = (b + a) >>> 0;
    length -= 12;
    k += 12;
  }
  if (length === 0) return c >>> 0;
  // The last block: bytes beyond the end count as zero.
  const byte = (i: number) => (i < length ? data[k + i]! : 0);
  c = (c + (byte(8) + (byte(9) << 8) + (byte(10) << 16) + (byte(11) << 24))) >>> 0;
  b = (b + (byte(4) + (byte(5) << 8) + (byte(6) << 16) + (byte(7) << 24))) >>> 0;
  a = (a + (byte(0) + (byte(1) << 8) + (byte(2) << 16) + (byte(3) << 24))) >>> 0;
  // final(a, b, c)
  c ^= b; c = (c - rot(b, 14)) >>> 0;
  a ^= c; a = (a - rot(c, 11)) >>> 0;
  b ^= a; b = (b - rot(a, 25)) >>> 0;
  c ^= b; c = (c - rot(b, 16)) >>> 0;
  a ^= c; a = (a - rot(c, 4)) >>> 0;
  b ^= a; b = (b - rot(a, 14)) >>> 0;
  c ^= b; c = (c - rot(b, 24)) >>> 0;
  return c >>> 0;
}

export interface SuperblockState {
  offset: number;
  version: number;
  flags: number;
}

function findSuperblock(fd: number, size: number): { offset: number; head: Buffer } | undefined {
  // The signature sits at 0, 512, 1024, 2048, … (a user block may come first).
  for (let offset = 0; offset + 64 <= size; offset = offset === 0 ? 512 : offset * 2) {
    const head = Buffer.alloc(64);
    readSync(fd, head, 0, 64, offset);
    if (head.subarray(0, 8).equals(SIGNATURE)) return { offset, head };
  }
  return undefined;
}

/** Reads the superblock's version and consistency flags, or says the file is not HDF5. */
export function readSuperblock(path: string): SuperblockState {
  const fd = openSync(path, 'r');
  try {
    const found = findSuperblock(fd, fstatSync(fd).size);
    if (!found) throw new DaqError('IO_ERROR', `${path} is not an HDF5 file (no superblock signature).`);
    return { offset: found.offset, version: found.head[8]!, flags: found.head[11]! };
  } finally {
    closeSync(fd);
  }
}

/**
 * Zeroes the file-consistency flags of a v2/v3 superblock, moves its end-of-file address to the file's end
 * when it lags behind, and fixes the checksum. Returns true when something changed, false when the file was
 * already clean (or has a v0/v1 superblock, which keeps no such flags).
 */
export function clearWriteFlags(path: string): boolean {
  const fd = openSync(path, 'r+');
  try {
    const found = findSuperblock(fd, fstatSync(fd).size);
    if (!found) throw new DaqError('IO_ERROR', `${path} is not an HDF5 file (no superblock signature); it cannot be repaired.`);
    const { offset, head } = found;
    const version = head[8]!;
    if (version < 2) return false;
    const sizeOfOffsets = head[9]!;
    const bodyLength = 12 + 4 * sizeOfOffsets; // signature…flags, then base, extension, EOF and root addresses
    const eofAt = 12 + 2 * sizeOfOffsets;
    // A writer that died (or hit a full disk) may have placed objects past the end-of-file address it last
    // recorded; like `h5clear --increment`, move that address to the file's real end.
    const size = BigInt(fstatSync(fd).size) - BigInt(offset);
    const eof = sizeOfOffsets === 8 ? head.readBigUInt64LE(eofAt) : BigInt(head.readUInt32LE(eofAt));
    const growEof = size > eof;
    if (head[11] === 0 && !growEof) return false;
    head[11] = 0;
    if (growEof) {
      if (sizeOfOffsets === 8) head.writeBigUInt64LE(size, eofAt);
      else head.writeUInt32LE(Number(size), eofAt);
    }
    const checksum = lookup3(head.subarray(0, bodyLength));
    head.writeUInt32LE(checksum, bodyLength);
    writeSync(fd, head, 0, bodyLength + 4, offset);
    fsyncSync(fd);
    return true;
  } finally {
    closeSync(fd);
  }
}
