// Bytes on disk per dataset, read from the file's own metadata, must equal what the HDF5 library itself reports
// (h5py's get_storage_size) for every layout and chunk index, in files h5py writes with the oldest and the newest
// format, in our own scan files, and the Browser shows the resulting compression ratio.
import { copyFileSync, mkdtempSync, rmSync, statSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { H5Provider } from '../../../src/main/h5browse/provider.ts';
import { datasetStorageSize } from '../../../src/main/h5browse/storage-size.ts';
import { openSession } from '../../../src/main/session.ts';
import { python } from '../../helpers/python.ts';

const dir = mkdtempSync(join(tmpdir(), 'daq-storage-'));
type Truth = Record<string, { size: number; shape: number[]; bytes: number }>;

// One dataset per layout and chunk index; libver 'earliest' gives v1 B-trees and symbol-table groups, 'latest'
// gives fixed arrays, extensible arrays (paged ones past 131,060 chunks), v2 B-trees and dense link storage.
const WRITE = `
import sys, json, h5py, numpy as np
fn, libver = sys.argv[1], sys.argv[2]
rng = np.random.default_rng(1)
x = rng.normal(size=(200, 300))
with h5py.File(fn, 'w', libver=libver) as f:
    f.create_dataset('contiguous', data=x)
    def low_level(name, layout, chunk=None):
        dcpl = h5py.h5p.create(h5py.h5p.DATASET_CREATE)
        dcpl.set_layout(layout)
        if chunk:
            dcpl.set_chunk(chunk)
            dcpl.set_alloc_time(h5py.h5d.ALLOC_TIME_EARLY)  # with libver latest and fixed dims: the implicit index
        ds = h5py.h5d.create(f.id, name.encode(), h5py.h5t.NATIVE_INT64, h5py.h5s.create_simple((100,)), dcpl=dcpl)
        ds.write(h5py.h5s.ALL, h5py.h5s.ALL, np.arange(100, dtype='i8'))
    low_level('compact', h5py.h5d.COMPACT)
    low_level('early_chunks', h5py.h5d.CHUNKED, (30,))
    f.create_dataset('gzip', data=np.round(x, 1), chunks=(20, 30), compression='gzip', shuffle=True)
    f.create_dataset('single_chunk', data=np.round(x, 1), chunks=(200, 300), compression='gzip')
    f.create_dataset('fixed_plain', data=x, chunks=(64, 64))
    f.create_dataset('never_written', shape=(100,), chunks=(10,), dtype='f8')
    fp = f.create_dataset('fixed_paged', shape=(3000,), chunks=(1,), compression='gzip', dtype='f4')
    fp[:500] = 1; fp[2900:] = 2  # more than 1,024 chunks: a paged fixed array whose middle page is never written
    ea = f.create_dataset('growing', shape=(0, 16), maxshape=(None, 16), chunks=(1, 16), compression='gzip')
    ea.resize((5000, 16)); ea[:] = np.arange(5000 * 16).reshape(5000, 16) % 7
    sparse = f.create_dataset('growing_sparse', shape=(0,), maxshape=(None,), chunks=(4,), dtype='i4')
    sparse.resize((3000,)); sparse[:1000] = 5; sparse[2500:] = 3
    paged = f.create_dataset('growing_paged', shape=(0,), maxshape=(None,), chunks=(1,), compression='gzip', dtype='f4')
    paged.resize((140000,)); paged[:] = np.arange(140000) % 5
    bt = f.create_dataset('two_unlimited', shape=(0, 0), maxshape=(None, None), chunks=(2, 2), compression='gzip', dtype='i2')
    bt.resize((120, 120)); bt[:] = np.arange(14400).reshape(120, 120) % 11
    btp = f.create_dataset('two_unlimited_sparse', shape=(0, 0), maxshape=(None, None), chunks=(3, 3), dtype='i2')
    btp.resize((90, 90)); btp[:30, :30] = 1
    g = f.create_group('many/links')
    for i in range(300):
        g.create_dataset(f'd{i:03d}', data=np.arange(i + 1), chunks=(max(1, (i + 1) // 2),), compression='gzip')
    f['soft'] = h5py.SoftLink('/many/links/d299')
    f['many/relative'] = h5py.SoftLink('links/d150')
    out = {}
    for n in ['contiguous', 'compact', 'early_chunks', 'gzip', 'single_chunk', 'fixed_plain', 'never_written', 'fixed_paged', 'growing', 'growing_sparse',
              'growing_paged', 'two_unlimited', 'two_unlimited_sparse', 'many/links/d000', 'many/links/d299', 'soft', 'many/relative']:
        d = f[n]
        out[n] = {'size': int(d.id.get_storage_size()), 'shape': list(d.shape), 'bytes': int(d.size * d.dtype.itemsize)}
print(json.dumps(out))
`;

const truth: Record<string, Truth> = {};

beforeAll(() => {
  for (const libver of ['earliest', 'latest']) truth[libver] = python<Truth>(WRITE, join(dir, `${libver}.h5`), libver);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('dataset storage size', () => {
  for (const libver of ['earliest', 'latest']) {
    it(`equals the HDF5 library's figure for every layout, in a file h5py writes with libver='${libver}'`, () => {
      const file = join(dir, `${libver}.h5`);
      const got = Object.fromEntries(Object.entries(truth[libver]!).map(([name, t]) => [name, datasetStorageSize(file, `/${name}`, t.shape)]));
      expect(got).toEqual(Object.fromEntries(Object.entries(truth[libver]!).map(([name, t]) => [name, t.size])));
      expect(got.never_written).toBe(0);
      expect(got.gzip).toBeLessThan(truth[libver]!.gzip!.bytes);
    });
  }

  it('equals the library figure in our own scan files (SWMR, growing gzip datasets, camera frames)', async () => {
    const s = await openSession({ dataDir: join(dir, 'data'), basePath: join(dir, 'files'), instantMoves: true, compression: { kind: 'gzip', level: 4 } });
    const r = await s.scan({ type: 'line', motor: 'samx', start: -1, stop: 1, points: 6, detectors: ['det', 'eiger1'] });
    await s.close();
    const lib = python<Record<string, { size: number; shape: number[] }>>(
      `
import sys, json, h5py
with h5py.File(sys.argv[1], 'r') as f:
    d = f[sys.argv[2]]['instrument']
    print(json.dumps({k: {'size': int(d[k]['data'].id.get_storage_size()), 'shape': list(d[k]['data'].shape)} for k in ['det', 'eiger1']}))`,
      r.file,
      r.entry,
    );
    for (const name of ['det', 'eiger1']) {
      expect(datasetStorageSize(r.file, `/${r.entry}/instrument/${name}/data`, lib[name]!.shape)).toBe(lib[name]!.size);
    }
  });

  it('gives no number, and no exception, for an external link, a missing path, a too-large index or a truncated file', () => {
    const file = join(dir, 'latest.h5');
    python(`
import sys, json, h5py
with h5py.File(sys.argv[1], 'a') as f:
    f['ext'] = h5py.ExternalLink('other.h5', '/x')
print('{}')`, file);
    expect(datasetStorageSize(file, '/ext', [1])).toBeUndefined();
    expect(datasetStorageSize(file, '/no/such/thing', [1])).toBeUndefined();
    // A chunk index bigger than what one look may read (140,000 chunks ≈ 2 MB of index here) gives up.
    expect(datasetStorageSize(file, '/growing_paged', [140000], 256 * 1024)).toBeUndefined();
    expect(datasetStorageSize(file, '/growing_paged', [140000])).toBe(truth.latest!.growing_paged!.size);
    const cut = join(dir, 'cut.h5');
    copyFileSync(file, cut);
    truncateSync(cut, Math.floor(statSync(cut).size / 3));
    expect(datasetStorageSize(cut, '/growing_paged', [140000])).toBeUndefined();
  });

  it('reaches the Browser as bytes on disk and a compression ratio for compressed datasets', async () => {
    const p = new H5Provider();
    const { id } = await p.open(join(dir, 'earliest.h5'));
    const t = truth.earliest!;
    const gz = p.info(id, '/gzip');
    expect(gz.storedBytes).toBe(t.gzip!.size);
    expect(gz.compressionRatio).toBeCloseTo(t.gzip!.bytes / t.gzip!.size, 6);
    const plain = p.info(id, '/contiguous');
    expect(plain.storedBytes).toBe(t.contiguous!.size);
    expect(plain.compressionRatio).toBeUndefined(); // no filter, no ratio
    p.close(id);
  });
});
