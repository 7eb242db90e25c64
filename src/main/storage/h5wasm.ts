// The one place h5wasm is loaded. It is import-only ESM, so it comes through a dynamic import(), once.
// In Electron's main process a Chrome-like `navigator` exists and makes h5wasm's Node build believe it runs in a
// browser; it then refuses to start. So `navigator` is hidden while the module is imported and initialised, and
// put back afterwards exactly as it was.
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
    await mod.ready;
    return mod;
  } finally {
    if (hadNavigator) {
      if (own) Object.defineProperty(globalThis, 'navigator', own);
      else delete g.navigator;
    }
  }
}
