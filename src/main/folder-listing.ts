// The folder and file pickers (base path, Browser open): sub-folders and HDF5 files of an absolute folder
// (hidden ones left out) and its parent; and the rule for files the user asks to write (absolute paths only).
import { existsSync, readdirSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { Results } from '../shared/api.ts';
import { DaqError } from '../shared/errors.ts';

/** At most this many names per list: a huge folder still answers quickly. */
const MAX_NAMES = 2000;

export function listFolders(path: string): Results['listFolders'] {
  if (!isAbsolute(path)) throw new DaqError('BAD_ARGUMENTS', `Give an absolute folder path (got "${path}").`);
  const requested = resolve(path);
  // A base path that does not exist yet (fresh set-up, a newly typed folder) opens at its nearest existing parent,
  // so the picker still opens; the caller sees which folder was asked for.
  let dir = requested;
  while (!existsSync(dir) && dirname(dir) !== dir) dir = dirname(dir);
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    throw new DaqError('NOT_FOUND', `Cannot list ${dir}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}. Choose another folder.`);
  }
  const byName = (a: string, b: string) => a.localeCompare(b);
  const folders = entries.filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name).sort(byName).slice(0, MAX_NAMES);
  const files = entries.filter((e) => e.isFile() && /\.(h5|hdf5|hdf|nxs|nx5|he5)$/i.test(e.name)).map((e) => e.name).sort(byName).slice(0, MAX_NAMES);
  const parent = dirname(dir);
  return { path: dir, parent: parent === dir ? null : parent, folders, files, requested };
}

/** Export targets: absolute paths to a regular file name, never into the app's own folders by accident. */
export function checkOutputPath(file: string): string {
  if (!isAbsolute(file)) throw new DaqError('BAD_ARGUMENTS', `Give the output file as an absolute path (got "${file}").`);
  return file;
}
