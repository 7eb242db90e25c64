// The bytes of a Browser selection exported to a file: NPY (one dataset, little-endian float64, numpy's format
// version 1.0) or CSV (first path the axis or x, the others columns; an index column for a single dataset).
import type { Slice } from '../../shared/browse.ts';
import { csvCell } from '../export/safe-output.ts';

export function npyBytes(s: Slice): Buffer {
  const shape = s.selection.length ? `(${s.selection.join(', ')}${s.selection.length === 1 ? ',' : ''})` : '()';
  let header = `{'descr': '<f8', 'fortran_order': False, 'shape': ${shape}, }`;
  // Magic + version + header length, the header padded with spaces to a multiple of 64 and ended by \n.
  const total = 10 + header.length + 1;
  header += ' '.repeat((64 - (total % 64)) % 64) + '\n';
  const head = Buffer.alloc(10);
  head.write('\x93NUMPY', 0, 'latin1');
  head[6] = 1;
  head[7] = 0;
  head.writeUInt16LE(header.length, 8);
  return Buffer.concat([head, Buffer.from(header, 'latin1'), Buffer.from(s.values.buffer, s.values.byteOffset, s.values.byteLength)]);
}

/** `start` is the first index of the selection (the index column counts from it). */
export function csvBytes(paths: string[], cols: Slice['values'][], start: number): Buffer {
  const names = paths.map((p) => p.split('/').pop()!);
  const withIndex = cols.length === 1;
  const header = withIndex ? ['index', names[0]!] : names;
  const n = Math.max(...cols.map((c) => c.length));
  // Dataset names come from the file: escaped, so a name cannot add lines or columns.
  const lines = [header.map(csvCell).join(',')];
  for (let i = 0; i < n; i++) lines.push([...(withIndex ? [String(start + i)] : []), ...cols.map((c) => (i < c.length ? String(c[i]) : ''))].join(','));
  return Buffer.from(lines.join('\n') + '\n');
}
