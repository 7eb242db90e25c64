// The packaging configuration is valid for electron-builder, targets the three platforms and sets the
// recommended Electron fuses. (Packages are not built here: that needs the Electron binary.)
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, matchesGlob, posix, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { builtReaderWorkerPath } from '../../../src/main/h5browse/browser-reader.ts';
import { pluginDir, unpackedPath } from '../../../src/main/storage/h5wasm.ts';
import { builtWorkerPath } from '../../../src/main/storage/nexus-writer.ts';

const require = createRequire(import.meta.url);
const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  validateConfiguration(config: unknown, logger: { isEnabled: boolean; add(): void }): Promise<void>;
};
const config = parse(readFileSync('electron-builder.yml', 'utf8')) as Record<string, unknown>;
const logger = { isEnabled: false, add() {} };

describe('electron-builder configuration', () => {
  it('passes electron-builder’s own schema validation', async () => {
    await expect(validateConfiguration(config, logger)).resolves.toBeUndefined();
  });

  it('would be refused if it were wrong (the validation bites)', async () => {
    await expect(validateConfiguration({ ...config, linux: { target: 'AppImage', nonsense: 1 } }, logger)).rejects.toThrow(/Invalid configuration/);
  });

  it('targets AppImage and deb, NSIS, and dmg', () => {
    expect((config.linux as { target: string[] }).target).toEqual(['AppImage', 'deb']);
    expect((config.win as { target: string[] }).target).toEqual(['nsis']);
    expect((config.mac as { target: string[] }).target).toEqual(['dmg']);
  });

  it('sets the recommended fuses', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config.asar).toBe(true);
  });

  it('unpacks only what must be a real file: the native SQLite binding, h5wasm, and the worker scripts, which the app finds there', () => {
    const unpack = config.asarUnpack as string[];
    expect(unpack).toEqual(
      expect.arrayContaining(['node_modules/better-sqlite3/prebuilds/**', 'node_modules/h5wasm/**', 'out/main/nexus-worker.js', 'out/main/h5browse-worker.js', 'out/main/compressor-worker.js', 'out/main/chunks/**']),
    );
    // The main process's own code (out/main/index.js) and the preload stay inside app.asar, under the fuses.
    for (const p of ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html', 'package.json']) {
      expect(unpack.some((g) => matchesGlob(p, g)), p).toBe(false);
    }
    expect(builtWorkerPath('/opt/DAQ Studio/resources/app.asar')).toBe('/opt/DAQ Studio/resources/app.asar.unpacked/out/main/nexus-worker.js');
    expect(builtWorkerPath('/work/daq')).toBe('/work/daq/out/main/nexus-worker.js');
    expect(builtReaderWorkerPath('/opt/DAQ Studio/resources/app.asar')).toBe('/opt/DAQ Studio/resources/app.asar.unpacked/out/main/h5browse-worker.js');
  });

  it('unpacks every module the built worker scripts import (when a build exists)', () => {
    const unpack = config.asarUnpack as string[];
    if (!existsSync('out/main/nexus-worker.js')) {
      console.log('SKIPPED the built-worker import check: no build in out/ (run `npm run build`).');
      return;
    }
    const seen = new Set<string>();
    const visit = (rel: string) => {
      if (seen.has(rel)) return;
      seen.add(rel);
      expect(unpack.some((g) => matchesGlob(rel, g)), `${rel} is imported by a worker and must be unpacked`).toBe(true);
      const src = readFileSync(rel, 'utf8');
      for (const m of src.matchAll(/(?:from|import\()\s*["'](\.{1,2}\/[^"']+)["']/g)) visit(posix.normalize(posix.join(posix.dirname(rel), m[1]!)));
    };
    visit('out/main/nexus-worker.js');
    visit('out/main/h5browse-worker.js');
    // The writer thread starts its compressor thread from the file beside it (a URL, not an import).
    expect(readFileSync('out/main/nexus-worker.js', 'utf8')).toMatch(/["']\.\/compressor-worker\.js["']/);
    visit('out/main/compressor-worker.js');
  });

  it('pins the Electron version exactly (the lock file agrees)', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { devDependencies: Record<string, string> };
    const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, { version?: string; devDependencies?: Record<string, string> }> };
    expect(pkg.devDependencies.electron).toMatch(/^\d+\.\d+\.\d+$/);
    expect(lock.packages['']!.devDependencies!.electron).toBe(pkg.devDependencies.electron);
    expect(lock.packages['node_modules/electron']!.version).toBe(pkg.devDependencies.electron);
  });

  it('turns DevTools off in a packaged app (the window is created with devTools: !app.isPackaged)', () => {
    // Behaviour is tested with the Electron stand-in in electron-quit.test.ts; this guards the literal setting
    // that the electronegativity gate also reads.
    expect(readFileSync('src/main/electron/main.ts', 'utf8')).toMatch(/devTools: !app\.isPackaged,/);
  });

  it('unpacks the HDF5 filter plugins, and both threads look for them next to the archive', () => {
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['node_modules/h5wasm-plugins/plugins/**']));
    const dir = pluginDir()!;
    expect(relative(process.cwd(), dir)).toBe(join('node_modules', 'h5wasm-plugins', 'plugins'));
    for (const so of ['libH5Zblosc.so', 'libH5Zbshuf.so', 'libH5Zlz4.so', 'libH5Zbz2.so']) expect(existsSync(join(dir, so)), so).toBe(true);
    // The main bundle runs inside the archive, the writer worker from app.asar.unpacked: both find the real files.
    expect(unpackedPath('/opt/DAQ Studio/resources/app.asar/node_modules/h5wasm-plugins/plugins')).toBe('/opt/DAQ Studio/resources/app.asar.unpacked/node_modules/h5wasm-plugins/plugins');
    expect(unpackedPath('/opt/DAQ Studio/resources/app.asar.unpacked/node_modules/h5wasm-plugins/plugins')).toBe('/opt/DAQ Studio/resources/app.asar.unpacked/node_modules/h5wasm-plugins/plugins');
    expect(pluginDir('/nowhere/app.asar.unpacked/out/main/nexus-worker.js')).toBeUndefined();
  });

  it('ships the built app and its resources, not the sources', () => {
    const files = config.files as string[];
    expect(files).toEqual(expect.arrayContaining(['out/**', 'resources/**', 'package.json', '!src/**']));
  });
});
