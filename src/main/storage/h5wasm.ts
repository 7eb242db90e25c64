// The one place h5wasm is loaded. It is import-only ESM, so it comes through a dynamic import(), once.
// In Electron's main process a Chrome-like `navigator` exists and makes h5wasm's Node build believe it runs in a
// browser; it then refuses to start. So `navigator` is hidden while the module is imported and initialised, and
// put back afterwards exactly as it was.
// The HDF5 filter plugins of h5wasm-plugins (blosc, bitshuffle, lz4, bzip2, zstd) are registered here too, so
// every thread that loads h5wasm (the writer worker, the Browser's reader) writes and reads every codec.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

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
 * (electron-builder.yml asarUnpack), because the wasm loader opens them as real files; h5wasm-plugins' own
 * install_local_plugins would point inside the archive. The writer worker itself runs from app.asar.unpacked,
 * where the package's index is not: it resolves the package as if it ran from the archive.
 */
export function pluginDir(from: string = import.meta.url): string | undefined {
  const here = from.startsWith('file:') ? fileURLToPath(from) : from;
  for (const start of [here, here.replace(/\.asar\.unpacked(?=[\\/])/, '.asar')]) {
    try {
      return unpackedPath(join(dirname(createRequire(start).resolve('h5wasm-plugins/package.json')), 'plugins'));
    } catch {
      // not found from here: try the next start, then give up
    }
  }
  return undefined; // not installed: none and gzip still work, the other codecs report a missing filter
}

/** Where a file inside the app's asar archive is found as a real file (electron-builder's asarUnpack). */
export function unpackedPath(p: string): string {
  return p.replace(/\.asar(?=[\\/])/, '.asar.unpacked');
}
