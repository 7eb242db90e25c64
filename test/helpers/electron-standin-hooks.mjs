// Module hooks that resolve `electron` to the stand-in, so the built main process runs in plain Node.
export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'electron') return { url: new URL('./electron-standin-module.ts', import.meta.url).href, shortCircuit: true };
  return nextResolve(specifier, context);
}
