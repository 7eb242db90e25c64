// Writes HDF5 files with h5py (an independent writer): a 3-D stack, exotic types, links, PyMoDAQ-like JSON
// attributes, a big 1-D dataset; and a corrupt file.
import { writeFileSync } from 'node:fs';
import { python } from './python.ts';

export function writeThirdPartyFile(path: string): void {
  python(`
import sys, json, h5py, numpy as np
with h5py.File(sys.argv[1], 'w') as f:
    f.attrs['default'] = 'entry'
    e = f.create_group('entry'); e.attrs['NX_class'] = 'NXentry'; e.attrs['default'] = 'data'
    d = e.create_group('data'); d.attrs['NX_class'] = 'NXdata'; d.attrs['signal'] = 'stack'
    stack = np.arange(4 * 8 * 10, dtype='float32').reshape(4, 8, 10)
    s = d.create_dataset('stack', data=stack, chunks=(1, 8, 10), compression='gzip')
    s.attrs['interpretation'] = 'image'
    f.create_dataset('line', data=np.sin(np.arange(300000) / 1000.0))
    f.create_dataset('line2', data=np.cos(np.arange(300000) / 1000.0))
    f.create_dataset('scalar', data=3.25)
    f.create_dataset('text', data='hello world')
    cmp = np.zeros(3, dtype=[('a', 'i4'), ('b', 'f8')])
    f.create_dataset('compound', data=cmp)
    f.create_dataset('enum', data=np.array([0, 1], dtype=h5py.enum_dtype({'OFF': 0, 'ON': 1}, basetype='u1')))
    f.create_dataset('vlen', data=['a', 'bb'], dtype=h5py.string_dtype())
    f['soft'] = h5py.SoftLink('/entry/data/stack')
    f['external'] = h5py.ExternalLink('other.h5', '/x')
    g = f.create_group('settings')
    g.attrs['settings'] = json.dumps({'detector': {'exposure': 0.1, 'gain': 'high'}})
print(json.dumps(True))`, path);
}

export function writeCorruptFile(path: string): void {
  // An HDF5 signature followed by garbage: a truncated or damaged file.
  writeFileSync(path, Buffer.concat([Buffer.from([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(2000, 0x5a)]));
}
