// Builds the `daq` command as plain JavaScript in out/cli (run by `npm run build`). bin/daq.mjs runs this bundle
// when it is up to date with the sources it was built from, and the TypeScript sources otherwise. The bundle
// saves what running the sources costs at every start: Node's type stripping (a WebAssembly compiler loaded in
// the main thread and again in the writer thread) and resolving ~150 separate modules (docs/decisions.md).
//
// Output: out/cli/main.js (the CLI), out/cli/nexus-worker.js, out/cli/h5browse-worker.js and
// out/cli/compressor-worker.js (the worker threads, found beside the bundle through __DAQ_CLI_BUNDLE__), shared
// chunks, and out/cli/inputs.json: the source files the bundle holds, which bin/daq.mjs compares with the
// bundle's time.
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'out', 'cli');
const inputs = new Set();

await build({
  configFile: false,
  root,
  logLevel: 'warn',
  define: { __DAQ_CLI_BUNDLE__: 'true' },
  ssr: { noExternal: ['yaml', 'zod'] },
  build: {
    // Node-side build: the packages in node_modules stay external (better-sqlite3 is native, h5wasm and its
    // plugins find their files relative to themselves), everything from src/ is bundled.
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
writeFileSync(join(outDir, 'inputs.json'), JSON.stringify({ built: statSync(join(outDir, 'main.js')).mtimeMs, files }, null, 1) + '\n');
console.log(`daq CLI bundle: ${relative(root, outDir)}/main.js from ${inputs.size} source files`);
