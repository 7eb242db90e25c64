// Builds the three parts of the Electron app: main (Node, ESM), preload (sandboxed, CommonJS, self-contained)
// and the renderer (React). The headless server serves the same renderer build from out/renderer.
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        // The scan writer and the Browser's reader run in worker threads: each is its own entry (see
        // storage/nexus-writer.ts and h5browse/browser-reader.ts, workerUrl).
        input: {
          index: resolve(import.meta.dirname, 'src/main/electron/main.ts'),
          'nexus-worker': resolve(import.meta.dirname, 'src/main/storage/nexus-worker.ts'),
          'h5browse-worker': resolve(import.meta.dirname, 'src/main/h5browse/reader-worker.ts'),
          // The writer thread's own compressor thread (storage/compressor-thread.ts), found beside nexus-worker.js.
          'compressor-worker': resolve(import.meta.dirname, 'src/main/storage/compressor-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload can require nothing but electron: bundle zod and the contract into it.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'src/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'src/renderer'),
    base: './',
    build: {
      outDir: resolve(import.meta.dirname, 'out/renderer'),
      rollupOptions: { input: resolve(import.meta.dirname, 'src/renderer/index.html') },
      chunkSizeWarningLimit: 1500,
    },
    oxc: { jsx: { runtime: 'automatic' } },
  },
});
