// Every compression choice (none, gzip, blosc-lz4, blosc-zstd, bitshuffle-lz4, lz4, bzip2), written by
// `daq grab --save` and by `daq scan`, reads back equal to what was acquired: by Debian's h5py (with the
// Debian filter plugin packages bitshuffle, hdf5-filter-plugin, hdf5-filter-plugin-blosc-serial) and by our
// Browser, which names the filter with its options and gives the bytes on disk and the ratio.
// The same --seed reproduces the same frames, so the uncompressed file is what was acquired.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPRESSION_LIBS, type CompressionLib } from '../../../src/shared/compression.ts';
import { H5Provider } from '../../../src/main/h5browse/provider.ts';
import { python } from '../../helpers/python.ts';

const dir = mkdtempSync(join(tmpdir(), 'daq-codecs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The CLI form of each choice, with a level where the library takes one.
const SPEC: Record<CompressionLib, string> = { none: 'none', gzip: 'gzip:1', 'blosc-lz4': 'blosc-lz4:5', 'blosc-zstd': 'blosc-zstd:3', 'bitshuffle-lz4': 'bitshuffle-lz4', lz4: 'lz4', bzip2: 'bzip2:9' };
// What h5py reports as the dataset's filters (id → options the filter stores).
const H5PY_FILTER: Record<CompressionLib, RegExp> = {
  none: /^\{\}$/,
  gzip: /"gzip": 1/,
  'blosc-lz4': /"32001": \[\d+, \d+, \d+, \d+, 5, 1, 1\]/,
  'blosc-zstd': /"32001": \[\d+, \d+, \d+, \d+, 3, 1, 5\]/,
  // major, minor, element size (2 for uint16 frames, 8 for float64), block size 0 (automatic), 2 = LZ4
  'bitshuffle-lz4': /"32008": \[\d+, \d+, \d+, 0, 2\]/,
  lz4: /"32004": \[0\]/,
  bzip2: /"307": \[9\]/,
};
// What the Browser's metadata pane says.
const BROWSER_FILTER: Record<CompressionLib, RegExp> = {
  none: /^$/,
  gzip: /^deflate \(gzip level 1\)$/,
  'blosc-lz4': /^blosc \(lz4, level 5, byte shuffle\) \[32001\]$/,
  'blosc-zstd': /^blosc \(zstd, level 3, byte shuffle\) \[32001\]$/,
  'bitshuffle-lz4': /^bitshuffle \+ lz4 \[32008\]$/,
  lz4: /^lz4 \[32004\]$/,
  bzip2: /^bzip2 \(level 9\) \[307\]$/,
};

function daq(...args: string[]): { file: string } {
  const r = spawnSync(process.execPath, ['bin/daq.mjs', ...args, '--json', '--seed', '7'], { encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`daq ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout) as { file: string };
}

// Compares each file's dataset with the uncompressed one element by element, and reports its filters.
const COMPARE = `
import sys, json, h5py, numpy as np
path = sys.argv[1]; ref = h5py.File(sys.argv[2], 'r')[path][()]
out = {}
for name in sys.argv[3:]:
    d = h5py.File(name, 'r')[path]
    v = d[()]
    out[name] = {'equal': bool(v.shape == ref.shape and np.array_equal(v, ref)), 'shape': list(v.shape), 'filters': json.dumps({str(k): (list(o) if isinstance(o, tuple) else o) for k, o in d._filters.items()})}
print(json.dumps(out))`;

async function browserReads(files: Record<CompressionLib, string>, path: string, frameShape: number[]): Promise<void> {
  const p = new H5Provider();
  const opened: number[] = [];
  try {
    const ref = await p.open(files.none);
    opened.push(ref.id);
    const rows = p.info(ref.id, path).shape![0]!;
    const expected = [...Array(rows).keys()].map((i) => Array.from(p.slice(ref.id, path, [[i, i + 1], ...frameShape.map(() => null)]).values));
    for (const lib of COMPRESSION_LIBS) {
      const { id } = await p.open(files[lib]);
      opened.push(id);
      const info = p.info(id, path);
      expect(info.shape, lib).toEqual([rows, ...frameShape]);
      expect((info.filters ?? []).join(', '), lib).toMatch(BROWSER_FILTER[lib]);
      expect(info.storedBytes, lib).toBeGreaterThan(0);
      if (lib === 'none') expect(info.compressionRatio).toBeUndefined();
      else expect(info.compressionRatio, lib).toBeGreaterThan(1);
      for (let i = 0; i < rows; i++) expect(Array.from(p.slice(id, path, [[i, i + 1], ...frameShape.map(() => null)]).values), `${lib} row ${i}`).toEqual(expected[i]);
    }
  } finally {
    for (const id of opened) p.close(id);
  }
}

describe('every compression choice', () => {
  const grabbed = {} as Record<CompressionLib, string>;
  const scanned = {} as Record<CompressionLib, string>;

  beforeAll(() => {
    for (const lib of COMPRESSION_LIBS) {
      const base = join(dir, lib);
      grabbed[lib] = daq('grab', 'eiger1', '--frames', '3', '--save', '--exp-time', '0', '--compression', SPEC[lib], '--data-dir', join(base, 'gdata'), '--base-path', join(base, 'gfiles')).file;
      scanned[lib] = daq('scan', 'count', '3', '--detectors', 'det,eiger1', '--exp-time', '0', '--compression', SPEC[lib], '--data-dir', join(base, 'sdata'), '--base-path', join(base, 'sfiles')).file;
    }
  }, 600_000);

  it('written by daq grab --save, reads back equal with Debian h5py', () => {
    const got = python<Record<string, { equal: boolean; shape: number[]; filters: string }>>(COMPARE, '1.1/instrument/eiger1/data', grabbed.none, ...COMPRESSION_LIBS.map((l) => grabbed[l]));
    for (const lib of COMPRESSION_LIBS) {
      const g = got[grabbed[lib]]!;
      expect(g.shape, lib).toEqual([3, 512, 512]);
      expect(g.equal, `${lib}: frames differ from the uncompressed file`).toBe(true);
      expect(g.filters, lib).toMatch(H5PY_FILTER[lib]);
    }
  });

  it('written by daq scan, reads back equal with Debian h5py (frames and scalars)', () => {
    for (const path of ['1.1/instrument/eiger1/data', '1.1/instrument/det/data']) {
      const got = python<Record<string, { equal: boolean; shape: number[]; filters: string }>>(COMPARE, path, scanned.none, ...COMPRESSION_LIBS.map((l) => scanned[l]));
      for (const lib of COMPRESSION_LIBS) {
        const g = got[scanned[lib]]!;
        expect(g.shape[0], `${lib} ${path}`).toBe(3);
        expect(g.equal, `${lib} ${path}: values differ from the uncompressed file`).toBe(true);
        expect(g.filters, `${lib} ${path}`).toMatch(H5PY_FILTER[lib]);
      }
    }
  });

  it('reads back equal in our Browser, which names the filter and its options and gives the ratio', async () => {
    await browserReads(grabbed, '/1.1/instrument/eiger1/data', [512, 512]);
    await browserReads(scanned, '/1.1/instrument/eiger1/data', [512, 512]);
  });
});
