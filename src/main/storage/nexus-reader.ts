// The one way the app opens an HDF5/NeXus file for reading — catalog rebuild, stored scans (history, exports,
// scripts) and the Browser's provider (in its worker thread). A closed file opens read-only ('r'); a file being
// written in SWMR mode, or left open by a killed writer, refuses that and opens as a SWMR reader ('Sr'). The
// root group is listed once, so a file that opens but cannot be read also takes the second way.
import { loadH5wasm } from './h5wasm.ts';

export type H5 = Awaited<ReturnType<typeof loadH5wasm>>;
export type H5File = InstanceType<H5['File']>;

/** An open file, and whether it had to be opened as a SWMR reader (being written, or never closed). */
export interface OpenedFile {
  file: H5File;
  live: boolean;
}

/** Opens `path` for reading with a loaded h5wasm; throws h5wasm's error of the second attempt. */
export function openNexusSync(h5: H5, path: string): OpenedFile {
  try {
    return { file: openChecked(h5, path, 'r'), live: false };
  } catch {
    return { file: openChecked(h5, path, 'Sr'), live: true };
  }
}

/** Loads h5wasm (once per thread) and opens `path` for reading. */
export async function openNexus(path: string): Promise<OpenedFile & { h5: H5 }> {
  const h5 = await loadH5wasm();
  return { h5, ...openNexusSync(h5, path) };
}

export { loadH5wasm };

function openChecked(h5: H5, path: string, mode: 'r' | 'Sr'): H5File {
  const file = new h5.File(path, mode);
  try {
    file.keys();
    return file;
  } catch (err) {
    try {
      file.close();
    } catch {
      // a file that cannot be listed may not close cleanly either
    }
    throw err;
  }
}
