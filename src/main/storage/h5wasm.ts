// The one place h5wasm is loaded. It is import-only ESM, so it comes through a dynamic import(), once.
// In Electron's main process a Chrome-like `navigator` exists and makes h5wasm's Node build believe it runs in a
// browser; it then refuses to start. So `navigator` is hidden while the module is imported and initialised, and
// put back afterwards exactly as it was.
// The HDF5 filter plugins of h5wasm-plugins (blosc, bitshuffle, lz4, bzip2, zstd) are registered here too, so
// every thread that loads h5wasm (the writer worker, the Browser's reader) writes and reads every codec.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';

type H5wasm = typeof import('h5wasm/node');

let loading: Promise<H5wasm> | undefined;

export function loadH5wasm(): Promise<H5wasm> {
  loading ??= importHidingNavigator().catch((err: unknown) => {
    loading = undefined; // a later call may try again
    throw err;
  });
  return loading;
}

async function importHidingNavigator(): Promise<H5wasm> {
  const g = globalThis as { navigator?: unknown };
  const own = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
  const hadNavigator = 'navigator' in g;
  if (hadNavigator) {
    // A configurable property (Node 21+, Electron) can be removed; otherwise shadow it with undefined.
    if (own?.configurable ?? true) delete g.navigator;
    if ('navigator' in g) Object.defineProperty(globalThis, 'navigator', { value: undefined, configurable: true, writable: true });
  }
  try {
    const mod = await import('h5wasm/node');
    const m = await mod.ready;
    const dir = pluginDir();
    // HDF5 looks for a filter in this folder the first time a dataset needs it (dlopen of a wasm side module).
    if (dir) m.insert_plugin_search_path(dir, 0);
    return mod;
  } finally {
    if (hadNavigator) {
      if (own) Object.defineProperty(globalThis, 'navigator', own);
      else delete g.navigator;
    }
  }
}

/**
 * The folder of the filter plugins' .so files. In a packaged app they are unpacked next to the asar archive
 * (electron-builder.yml asarUnpack), because the wasm loader reads them as real files; h5wasm-plugins' own
 * install_local_plugins would point inside the archive.
 */
export function pluginDir(): string | undefined {
  let dir: string;
  try {
    dir = join(dirname(createRequire(import.meta.url).resolve('h5wasm-plugins/package.json')), 'plugins');
  } catch {
    return undefined; // not installed: gzip and none still work, the other codecs report a missing filter
  }
  const unpacked = dir.replace(`${sep}app.asar${sep}`, `${sep}app.asar.unpacked${sep}`);
  return existsSync(unpacked) ? unpacked : dir;
}
