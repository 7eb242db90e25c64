// Where things live: the project root (for resources and the built renderer), the data dir (catalog,
// settings) and the base path (data files). Env and flags override the OS defaults.
import { existsSync } from 'node:fs';
import { homedir, platform } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/** The folder holding package.json, found by walking up from this module (source or out/main). */
export function findProjectRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'resources'))) return (root = dir);
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the DAQ Studio folder (package.json + resources/) above ' + import.meta.url);
    dir = up;
  }
}

/** The OS app-data folder: catalog, settings, scan counter. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.DAQ_DATA_DIR) return resolve(env.DAQ_DATA_DIR);
  const home = homedir();
  switch (platform()) {
    case 'win32':
      return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'DAQ Studio');
    case 'darwin':
      return join(home, 'Library', 'Application Support', 'DAQ Studio');
    default:
      return join(env.XDG_DATA_HOME ?? join(home, '.local', 'share'), 'daq-studio');
  }
}

/** Where data files go unless the user chose another folder. */
export function defaultBasePath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.DAQ_BASE_PATH) return resolve(env.DAQ_BASE_PATH);
  return join(homedir(), 'daq-data');
}

export function defaultInstrumentFile(): string {
  return join(findProjectRoot(), 'resources', 'instrument.default.yaml');
}

export function rendererDir(): string {
  return join(findProjectRoot(), 'out', 'renderer');
}
