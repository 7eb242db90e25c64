// The packaging configuration is valid for electron-builder, targets the three platforms and sets the
// recommended Electron fuses. (Packages are not built here: that needs the Electron binary.)
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
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

  it('unpacks what must be a real file: the native SQLite binding, h5wasm, and the writer worker, which the app finds there', () => {
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['node_modules/better-sqlite3/prebuilds/**', 'node_modules/h5wasm/dist/node/**', 'out/main/**']));
    expect(builtWorkerPath('/opt/DAQ Studio/resources/app.asar')).toBe('/opt/DAQ Studio/resources/app.asar.unpacked/out/main/nexus-worker.js');
    expect(builtWorkerPath('/work/daq')).toBe('/work/daq/out/main/nexus-worker.js');
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
