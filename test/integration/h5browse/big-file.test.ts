// A file bigger than h5wasm's 2 GiB heap opens and is read in slices: the tree, the last values, a min/max
// envelope of a 10-million-point range — with memory staying bounded.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { H5Provider } from '../../../src/main/h5browse/provider.ts';
import { python } from '../../helpers/python.ts';

const dir = mkdtempSync(join(tmpdir(), 'daq-big-'));
const file = join(dir, 'big.h5');
const N = 270_000_000; // float64: 2.16 GB

beforeAll(() => {
  python(`
import sys, json, h5py, numpy as np
n = int(sys.argv[2]); step = 8_000_000
with h5py.File(sys.argv[1], 'w') as f:
    d = f.create_dataset('ramp', shape=(n,), dtype='f8', chunks=(1 << 20,))
    for i in range(0, n, step):
        d[i:min(n, i + step)] = np.arange(i, min(n, i + step), dtype='f8')
print(json.dumps(True))`, file, String(N));
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a file of more than 2 GB', () => {
  it('is at least 2 GB on disk', () => {
    expect(statSync(file).size).toBeGreaterThan(2 * 10 ** 9);
  });

  it('opens, lists and reads slices without loading the file, and memory stays bounded', async () => {
    const rss0 = process.memoryUsage().rss;
    const p = new H5Provider();
    const f = await p.open(file);
    expect(p.children(f.id, '/')).toEqual([expect.objectContaining({ name: 'ramp', shape: [N] })]);
    expect(p.info(f.id, '/ramp')).toMatchObject({ shape: [N], chunks: [1 << 20] });
    const tail = p.slice(f.id, '/ramp', [[N - 5, N]]);
    expect(Array.from(tail.values)).toEqual([N - 5, N - 4, N - 3, N - 2, N - 1]);
    const e = p.envelope(f.id, '/ramp', N - 10_000_000, N, 1000);
    expect(e.min[0]).toBe(N - 10_000_000);
    expect(e.max[e.max.length - 1]).toBe(N - 1);
    expect(() => p.slice(f.id, '/ramp', [[0, N]])).toThrow(/read at most/);
    p.close(f.id);
    const grown = (process.memoryUsage().rss - rss0) / 2 ** 20;
    expect(grown).toBeLessThan(400); // the file is 2 GB; what we hold stays a small fraction of it
  }, 120_000);
});
