// Size (~335 lines): every read the Browser makes of an open file (tree, info, slices, envelopes), in its worker thread.
// The Browser's data provider (the H5Web idea): files opened by path, read lazily — one group's children, one
// node's details, one slice of a dataset — never a whole big dataset. Files being written open in SWMR-read
// mode. Every failure is a DaqError with a readable sentence; the backend keeps serving.
import { existsSync, statSync } from 'node:fs';
import { writeNewFile } from '../export/safe-output.ts';
import { dirname, isAbsolute } from 'node:path';
import type { Envelope, NodeInfo, OpenFile, PlotDescription, Slice, TreeNode } from '../../shared/browse.ts';
import { DaqError } from '../../shared/errors.ts';
import { describeFilter } from '../storage/codecs.ts';
import { loadH5wasm, openNexusSync, type H5, type H5File } from '../storage/nexus-reader.ts';
import { datasetStorageSize } from './storage-size.ts';
import { attrValue, dtypeText, maybeJson } from './node-text.ts';
import { findDefaultPlot } from './default-plot.ts';
import { csvBytes, npyBytes } from './selection-export.ts';

type Group = InstanceType<H5['Group']>;
type Dataset = InstanceType<H5['Dataset']>;

const MAX_SLICE = 4 * 2 ** 20; // elements per read
const SIGNATURE = [0x89, 0x48, 0x44, 0x46];

interface Handle {
  info: OpenFile;
  file: H5File;
}

/** Anything h5wasm throws on a damaged file becomes a sentence the user can act on. */
function guard<T>(what: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof DaqError) throw err;
    const msg = (err instanceof Error ? err.message : String(err)).split('\n')[0];
    throw new DaqError('IO_ERROR', `${what} cannot be read (${msg}); the file may be damaged or still being written — try Refresh.`);
  }
}

export class H5Provider {
  private readonly files = new Map<number, Handle>();
  private nextId = 1;

  async open(path: string): Promise<OpenFile> {
    return this.openAs(path, this.nextId++);
  }

  private async openAs(path: string, id: number): Promise<OpenFile> {
    if (!isAbsolute(path)) throw new DaqError('BAD_ARGUMENTS', `Give the file as an absolute path (got "${path}").`);
    if (!existsSync(path)) throw new DaqError('NOT_FOUND', `${path} does not exist.`);
    const st = statSync(path);
    if (!st.isFile()) throw new DaqError('BAD_ARGUMENTS', `${path} is not a file.`);
    const h5 = await loadH5wasm();
    // Check the signature first: h5wasm's own message for a non-HDF5 file is not helpful.
    const fd = await import('node:fs').then((fs) => {
      const b = Buffer.alloc(8);
      const f = fs.openSync(path, 'r');
      try {
        fs.readSync(f, b, 0, 8, 0);
      } finally {
        fs.closeSync(f);
      }
      return b;
    });
    if (!SIGNATURE.every((v, i) => fd[i] === v)) {
      throw new DaqError('BAD_ARGUMENTS', `${path} is not an HDF5 file (it does not start with the HDF5 signature).`);
    }
    let opened: { file: H5File; live: boolean };
    try {
      opened = openNexusSync(h5, path);
    } catch (err) {
      throw new DaqError('IO_ERROR', `${path} cannot be opened: it is damaged or truncated (${(err as Error).message.split('\n')[0]}).`);
    }
    const { file, live } = opened;
    const info: OpenFile = { id, file: path, size: st.size, live };
    this.files.set(info.id, { info, file });
    return info;
  }

  list(): OpenFile[] {
    return [...this.files.values()].map((h) => h.info);
  }

  close(id: number): void {
    const h = this.files.get(id);
    if (!h) return;
    h.file.close();
    this.files.delete(id);
  }

  private handle(id: number): Handle {
    const h = this.files.get(id);
    if (!h) throw new DaqError('NOT_FOUND', `No open file with id ${id}; open it again.`);
    return h;
  }

  private node(id: number, path: string): { file: H5File; entity: unknown } {
    const { file } = this.handle(id);
    if (path === '/' || path === '') return { file, entity: file };
    let entity: unknown;
    try {
      entity = file.get(path);
    } catch (err) {
      throw new DaqError('NOT_FOUND', `${path} cannot be read: ${(err as Error).message}.`);
    }
    if (entity === null || entity === undefined) throw new DaqError('NOT_FOUND', `${path} does not exist in this file.`);
    return { file, entity };
  }

  private describe(file: H5File, parent: string, name: string): TreeNode {
    const path = `${parent === '/' ? '' : parent}/${name}`;
    let e: unknown;
    try {
      e = file.get(path);
    } catch {
      return { name, path, kind: 'broken-link' };
    }
    const h5c = (e as { constructor?: { name?: string } })?.constructor?.name ?? '';
    if (h5c === 'Group' || h5c === 'File') {
      const g = e as Group;
      const nx = 'NX_class' in g.attrs ? String(g.get_attribute('NX_class', false)) : undefined;
      const node: TreeNode = { name, path, kind: 'group', ...(nx ? { nxClass: nx } : {}) };
      if (nx === 'NXentry' && !g.keys().includes('end_time') && g.keys().includes('start_time')) node.unfinished = true;
      return node;
    }
    if (h5c === 'Dataset') {
      const d = e as Dataset;
      return { name, path, kind: 'dataset', shape: d.shape ?? [], dtype: dtypeText(d) };
    }
    if (h5c === 'ExternalLink') {
      const l = e as { filename: string; obj_path: string };
      return { name, path, kind: 'external-link', target: `${l.filename}::${l.obj_path}` };
    }
    if (h5c === 'BrokenSoftLink') return { name, path, kind: 'broken-link', target: (e as { target: string }).target };
    if (h5c === 'Datatype') return { name, path, kind: 'datatype' };
    return { name, path, kind: 'broken-link' };
  }

  /** One group's children, with soft links marked as such (they are followed only when opened). */
  children(id: number, path: string): TreeNode[] {
    return guard(path, () => this.childrenUnguarded(id, path));
  }

  private childrenUnguarded(id: number, path: string): TreeNode[] {
    const { file, entity } = this.node(id, path);
    const g = entity as Group;
    if (typeof (g as { keys?: unknown }).keys !== 'function') throw new DaqError('BAD_ARGUMENTS', `${path} is not a group.`);
    const parent = path === '' ? '/' : path;
    return g.keys().map((name) => {
      const node = this.describe(file, parent, name);
      try {
        const link = g.get_link(name);
        if (link && node.kind !== 'external-link') return { ...node, kind: node.kind === 'broken-link' ? 'broken-link' : node.kind, target: link, softLink: true } as TreeNode;
      } catch {
        // not a soft link
      }
      return node;
    });
  }

  /** Search by name across the file (breadth-first, at most `limit` results, at most 20,000 nodes visited). */
  search(id: number, text: string, limit = 200): TreeNode[] {
    this.handle(id);
    const needle = text.toLowerCase();
    const out: TreeNode[] = [];
    const queue = ['/'];
    let visited = 0;
    while (queue.length && out.length < limit && visited < 20_000) {
      const p = queue.shift()!;
      let kids: TreeNode[];
      try {
        kids = this.children(id, p);
      } catch {
        continue;
      }
      for (const k of kids) {
        visited++;
        if (k.name.toLowerCase().includes(needle)) out.push(k);
        if (k.kind === 'group' && !(k as { softLink?: boolean }).softLink) queue.push(k.path);
      }
    }
    return out;
  }

  info(id: number, path: string): NodeInfo {
    return guard(path, () => this.infoUnguarded(id, path));
  }

  private infoUnguarded(id: number, path: string): NodeInfo {
    const { file, entity } = this.node(id, path);
    const slash = path.lastIndexOf('/');
    const base = path === '/' || path === '' ? { name: '/', path: '/', kind: 'group' as const } : this.describe(file, path.slice(0, slash) || '/', path.slice(slash + 1));
    const e = entity as Dataset & Group;
    const attrs: NodeInfo['attrs'] = [];
    for (const name of Object.keys(e.attrs ?? {})) {
      let v: unknown;
      try {
        v = e.get_attribute(name, false);
      } catch (err) {
        v = `(unreadable: ${(err as Error).message})`;
      }
      const json = maybeJson(v);
      attrs.push({ name, value: attrValue(v), ...(json !== undefined ? { json } : {}) });
    }
    const info: NodeInfo = { ...base, attrs };
    if (base.kind === 'dataset') {
      const ds = e as Dataset;
      const meta = ds.metadata as { chunks?: number[] | null; size?: number; total_size?: number };
      info.chunks = meta.chunks ?? null;
      try {
        info.filters = ds.filters.map(describeFilter);
      } catch {
        info.filters = [];
      }
      const shape = ds.shape ?? [];
      const n = shape.reduce((a, b) => a * b, 1);
      // Bytes on disk come from the file's own chunk index (h5wasm has no H5Dget_storage_size).
      const stored = datasetStorageSize(this.handle(id).info.file, path, shape);
      if (stored !== undefined) {
        info.storedBytes = stored;
        const vlen = (ds.metadata as { vlen?: boolean }).vlen === true;
        if (info.filters.length && stored > 0 && !vlen && meta.size) info.compressionRatio = (n * meta.size) / stored;
      }
      if (shape.length === 0 || n === 1) {
        const v = ds.value;
        info.value = typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'bigint' ? Number(v) : attrValue(v);
      }
    }
    return info;
  }

  /** A hyperslab: [start, stop) per dimension (null = all), at most 4 M elements. */
  slice(id: number, path: string, ranges: ([number, number] | null)[]): Slice {
    return guard(path, () => this.sliceUnguarded(id, path, ranges));
  }

  private sliceUnguarded(id: number, path: string, ranges: ([number, number] | null)[]): Slice {
    const { entity } = this.node(id, path);
    const ds = entity as Dataset;
    if (typeof (ds as { slice?: unknown }).slice !== 'function') throw new DaqError('BAD_ARGUMENTS', `${path} is not a dataset.`);
    const shape = ds.shape ?? [];
    const meta = ds.metadata as { type?: number; vlen?: boolean };
    // HDF5 type classes 0 (integer) and 1 (float) are numbers; strings, compounds, enums, references, vlen are not.
    if ((meta.type !== 0 && meta.type !== 1) || meta.vlen) {
      throw new DaqError('BAD_ARGUMENTS', `${path} holds ${dtypeText(ds)} values, which the Browser shows in its metadata only (no plot or table).`);
    }
    const sel = shape.map((n, i) => {
      const r = ranges[i] ?? null;
      const a = r ? Math.max(0, Math.min(n, Math.floor(r[0]))) : 0;
      const b = r ? Math.max(a, Math.min(n, Math.floor(r[1]))) : n;
      return [a, b] as [number, number];
    });
    const count = sel.reduce((acc, [a, b]) => acc * (b - a), 1);
    if (count > MAX_SLICE) throw new DaqError('BAD_ARGUMENTS', `That selection has ${count} values; read at most ${MAX_SLICE} at once (choose a smaller range).`);
    const raw = shape.length === 0 ? ds.value : ds.slice(sel);
    const values = Float64Array.from(ArrayBuffer.isView(raw) ? (raw as unknown as ArrayLike<number | bigint>) : Array.isArray(raw) ? (raw as number[]) : [raw as number], Number);
    return { shape, values, selection: sel.map(([a, b]) => b - a) };
  }

  /** Min/max per bucket over a range of a 1-D dataset, read in chunks (for datasets too big to plot point by point). */
  envelope(id: number, path: string, from: number, to: number, buckets: number): Envelope {
    return guard(path, () => this.envelopeUnguarded(id, path, from, to, buckets));
  }

  private envelopeUnguarded(id: number, path: string, from: number, to: number, buckets: number): Envelope {
    const { entity } = this.node(id, path);
    const ds = entity as Dataset;
    const shape = ds.shape ?? [];
    if (shape.length !== 1) throw new DaqError('BAD_ARGUMENTS', `${path} is not 1-D.`);
    const n = shape[0]!;
    const a = Math.max(0, Math.min(n, Math.floor(from)));
    const b = Math.max(a, Math.min(n, Math.floor(to)));
    const k = Math.max(1, Math.min(10_000, Math.floor(buckets)));
    const step = Math.max(1, Math.ceil((b - a) / k));
    const nb = Math.ceil((b - a) / step);
    const x = new Float64Array(nb);
    const min = new Float64Array(nb).fill(Infinity);
    const max = new Float64Array(nb).fill(-Infinity);
    const CHUNK = 2 ** 20;
    for (let s = a; s < b; s += CHUNK) {
      const e = Math.min(b, s + CHUNK);
      const part = ds.slice([[s, e]]) as unknown as ArrayLike<number>;
      for (let i = 0; i < e - s; i++) {
        const j = Math.floor((s + i - a) / step);
        const v = Number(part[i]);
        if (v < min[j]!) min[j] = v;
        if (v > max[j]!) max[j] = v;
      }
    }
    for (let j = 0; j < nb; j++) x[j] = a + j * step + (step - 1) / 2;
    return { x, min, max, total: n, step };
  }

  /**
   * Writes a selection: CSV with one column per path (the first is the axis, e.g. samx, or the index when there is
   * only one path), or NPY of the first path's slice (little-endian float64, C order). Never overwrites.
   */
  exportSelection(id: number, paths: string[], ranges: ([number, number] | null)[], format: 'csv' | 'npy', out: string): { file: string; bytes: number } {
    return guard(paths.join(', '), () => this.exportUnguarded(id, paths, ranges, format, out));
  }

  private exportUnguarded(id: number, paths: string[], ranges: ([number, number] | null)[], format: 'csv' | 'npy', out: string): { file: string; bytes: number } {
    if (existsSync(out)) throw new DaqError('BAD_ARGUMENTS', `${out} exists; choose another name.`);
    if (!existsSync(dirname(out))) throw new DaqError('IO_ERROR', `The folder ${dirname(out)} does not exist.`);
    let bytes: Buffer;
    if (format === 'npy') {
      const s = this.slice(id, paths[0]!, ranges);
      bytes = npyBytes(s);
    } else {
      const cols = paths.map((p) => {
        const s = this.slice(id, p, ranges.slice(0, 1));
        if (s.selection.length > 1) throw new DaqError('BAD_ARGUMENTS', `${p} is not 1-D; CSV export takes 1-D datasets (use NPY for images).`);
        return s.values;
      });
      bytes = csvBytes(paths, cols, ranges[0]?.[0] ?? 0);
    }
    writeNewFile(out, bytes);
    return { file: out, bytes: bytes.length };
  }

  /** Reopens a file being written: new points and new scans become visible (HDF5 readers see new objects only after reopening). */
  async refresh(id: number): Promise<OpenFile> {
    const { info } = this.handle(id);
    this.close(id);
    return this.openAs(info.file, id);
  }

  /** The default plot of a node, following @default like silx and H5Web; falls back to the first NXdata. */
  defaultPlot(id: number, path = '/'): PlotDescription | null {
    return guard(path, () => this.defaultPlotUnguarded(id, path));
  }

  private defaultPlotUnguarded(id: number, path = '/'): PlotDescription | null {
    return findDefaultPlot(this.handle(id).file, path);
  }
}
