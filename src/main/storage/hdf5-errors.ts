// HDF5 errors for the writer thread (imported only there: installing the capture replaces its fs.writeSync).
import fs from 'node:fs';

// h5wasm does not throw when HDF5 fails to write (a full disk, a removed folder): HDF5 only prints its error
// stack. So the stack is caught here, turned into the operation's error, and kept off the terminal.
let hdf5Error: string | undefined;
const GENERIC = 'HDF5 reported an error';
// HDF5's C stderr reaches Node through fs.writeSync(2, …) (the wasm module's file system): intercept it there.
const realWriteSync = fs.writeSync;
fs.writeSync = ((fd: number, buffer: string | NodeJS.ArrayBufferView, ...rest: unknown[]) => {
  if (fd === 2) {
    let text: string;
    let written: number;
    if (typeof buffer === 'string') {
      text = buffer;
      written = Buffer.byteLength(buffer);
    } else {
      const offset = typeof rest[0] === 'number' ? rest[0] : 0;
      const length = typeof rest[1] === 'number' ? rest[1] : buffer.byteLength - offset;
      text = Buffer.from(buffer.buffer, buffer.byteOffset + offset, length).toString();
      written = length;
    }
    // The system's own words ("No space left on device") beat HDF5's generic first line.
    const m = /error message = '([^']+)'/.exec(text);
    if (m && (!hdf5Error || hdf5Error === GENERIC)) hdf5Error = m[1];
    else if (/HDF5-DIAG: Error/.test(text)) hdf5Error ??= GENERIC;
    return written;
  }
  return (realWriteSync as (...a: unknown[]) => number)(fd, buffer, ...rest);
}) as typeof fs.writeSync;

/** Throws when HDF5 printed an error during the last calls. */
export function checkHdf5(): void {
  if (hdf5Error) {
    const e = hdf5Error;
    hdf5Error = undefined;
    throw new Error(e);
  }
}

/** Forgets an error HDF5 printed before (a new operation starts clean). */
export function forgetHdf5Error(): void {
  hdf5Error = undefined;
}
