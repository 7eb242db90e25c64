// Builds the `daq` command as plain JavaScript in out/cli (run by `npm run build`). bin/daq.mjs runs this bundle
// when it is up to date with the sources it was built from, and the TypeScript sources otherwise. The bundle
// saves what running the sources costs at every start: Node's type stripping (a WebAssembly compiler loaded in
// the main thread and again in the writer thread) and resolving ~150 separate modules (docs/decisions.md).
//
// Output: out/cli/main.js (the CLI), out/cli/nexus-worker.js, out/cli/h5browse-worker.js and
// out/cli/compressor-worker.js (the worker threads, found beside the bundle through __DAQ_CLI_BUNDLE__), shared
// chunks, out/cli/hdf5_util.wasm (h5wasm's WebAssembly as a file, see h5wasmBinaryAsFile) and
// out/cli/inputs.json: the source files the bundle holds, which bin/daq.mjs compares with the bundle's time, and
// the versions of the packages bundled in.
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'out', 'cli');
const inputs = new Set();
/** Packages bundled in (not loaded from node_modules at run time): bin/daq.mjs compares their versions. */
const BUNDLED_PACKAGES = ['yaml', 'zod', 'h5wasm'];

await build({
  configFile: false,
  root,
  logLevel: 'warn',
  define: { __DAQ_CLI_BUNDLE__: 'true' },
  ssr: { noExternal: BUNDLED_PACKAGES },
  build: {
    // Node-side build: the packages in node_modules stay external (better-sqlite3 is native, h5wasm-plugins'
    // .so files are found relative to the package), except the few in BUNDLED_PACKAGES; everything from src/ is
    // bundled.
    ssr: true,
    outDir,
    emptyOutDir: true,
    target: 'node22',
    minify: false,
    sourcemap: false,
    reportCompressedSize: false,
    rollupOptions: {
      input: {
        main: join(root, 'src/main/cli/main.ts'),
        'nexus-worker': join(root, 'src/main/storage/nexus-worker.ts'),
        'h5browse-worker': join(root, 'src/main/h5browse/reader-worker.ts'),
        'compressor-worker': join(root, 'src/main/storage/compressor-worker.ts'),
      },
      output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
    },
  },
  plugins: [
    h5wasmBinaryAsFile(),
    {
      name: 'daq-cli-inputs',
      // Every source module that went into the bundle: editing any of them makes the bundle stale.
      generateBundle(_options, bundle) {
        for (const chunk of Object.values(bundle)) {
          for (const id of chunk.type === 'chunk' ? chunk.moduleIds : []) if (id.startsWith(join(root, 'src') + '/')) inputs.add(relative(root, id));
        }
      },
    },
  ],
});

mkdirSync(outDir, { recursive: true });
const files = [...inputs].sort();
// The bundle's time is taken after it is written: bin/daq.mjs uses it only when no input is newer.
const packages = Object.fromEntries(BUNDLED_PACKAGES.map((p) => [p, JSON.parse(readFileSync(join(root, 'node_modules', p, 'package.json'), 'utf8')).version]));
writeFileSync(join(outDir, 'inputs.json'), JSON.stringify({ built: statSync(join(outDir, 'main.js')).mtimeMs, files, packages }, null, 1) + '\n');
console.log(`daq CLI bundle: ${relative(root, outDir)}/main.js from ${inputs.size} source files`);

/**
 * h5wasm's Node build carries its WebAssembly inside its JavaScript, as a 3.5 MB string literal that every start
 * decodes from UTF-8, scans as source and turns back into bytes char by char (~50 ms of the writer thread, on the
 * path to a scan's first point). In the CLI bundle that one function, findWasmBinary, reads the same bytes from
 * out/cli/hdf5_util.wasm instead; the rest of h5wasm is bundled unchanged. A build whose h5wasm does not look
 * like this fails here, loudly, rather than shipping a loader that cannot find its binary.
 */
function h5wasmBinaryAsFile() {
  const HEAD = 'function findWasmBinary(){return binaryDecode(';
  let wasmBytes;
  return {
    name: 'daq-h5wasm-binary-file',
    // Written beside the chunks (an SSR build does not emit assets).
    writeBundle(options) {
      if (!wasmBytes) this.error('h5wasm: its loader was not in the bundle, so hdf5_util.wasm was not made');
      writeFileSync(join(options.dir ?? outDir, 'hdf5_util.wasm'), wasmBytes);
    },
    transform(code, id) {
      if (!id.replaceAll('\\', '/').endsWith('/node_modules/h5wasm/dist/node/hdf5_util.js')) return null;
      const at = code.indexOf(HEAD);
      if (at < 0 || code.indexOf(HEAD, at + 1) >= 0) this.error(`h5wasm: expected one "${HEAD}" in ${id}; update scripts/build-cli.mjs for this h5wasm`);
      const open = at + HEAD.length;
      const close = endOfStringLiteral(code, open);
      if (code.slice(close + 1, close + 3) !== ')}') this.error(`h5wasm: unexpected findWasmBinary in ${id}`);
      // The literal is plain JavaScript string syntax (escapes only): evaluate it, then decode it exactly as
      // h5wasm's binaryDecode does.
      const text = new Function(`return ${code.slice(open, close + 1)};`)();
      const bytes = new Uint8Array(text.length);
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        bytes[i] = (~c >> 8) & c;
      }
      if (!globalThis.WebAssembly.validate(bytes)) this.error('h5wasm: the embedded WebAssembly does not validate');
      wasmBytes = bytes;
      // The URL is built from a variable so Vite does not treat it as an asset import of its own.
      const wasm = 'hdf5_util.wasm';
      return {
        code: `import { readFileSync as __daqReadWasm } from 'node:fs';\nconst __daqWasmName = ${JSON.stringify(wasm)};\n` + code.slice(0, at) + 'function findWasmBinary(){return __daqReadWasm(new URL(__daqWasmName, import.meta.url))' + code.slice(close + 2),
        map: null,
      };
    },
  };
}

/** The index of the quote closing the string literal that opens at `open`. */
function endOfStringLiteral(code, open) {
  const quote = code[open];
  if (quote !== "'" && quote !== '"') throw new Error(`h5wasm: expected a string literal at ${open}`);
  for (let i = open + 1; i < code.length; i++) {
    if (code[i] === '\\') i++;
    else if (code[i] === quote) return i;
  }
  throw new Error('h5wasm: unterminated string literal');
}
