// Launches the real Electron app with Playwright where an Electron binary exists (a lab PC, a CI with
// internet). Here the binary cannot be downloaded, so the test says why it did not run.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { _electron as electron } from 'playwright-core';
import { writeThirdPartyFile } from '../helpers/third-party-file.ts';

function electronBinary(): string | undefined {
  const dir = join(process.cwd(), 'node_modules', 'electron');
  try {
    const rel = readFileSync(join(dir, 'path.txt'), 'utf8').trim();
    const bin = join(dir, 'dist', rel);
    return existsSync(bin) ? bin : undefined;
  } catch {
    return undefined;
  }
}

const bin = electronBinary();
if (!bin) {
  console.log(
    'SKIPPED electron launch test: no Electron binary in node_modules/electron/dist (its download is blocked on this machine; ' +
      'on a machine with internet, `node node_modules/electron/install.js` fetches it and this test runs).',
  );
}

describe.skipIf(!bin)('Electron app', () => {
  it('opens one hardened window on app://daq that lists the devices', async () => {
    const app = await electron.launch({ executablePath: bin!, args: [join(process.cwd(), 'out', 'main', 'index.js')], env: { ...process.env, DAQ_DATA_DIR: join(process.cwd(), 'test-results', 'electron-data') } });
    try {
      const win = await app.firstWindow();
      await win.getByTestId('motor-table').waitFor();
      expect(win.url()).toMatch(/^app:\/\/daq\//);
      // The page has no Node: contextIsolation + sandbox.
      expect(await win.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
      expect(await win.evaluate(() => typeof (globalThis as { daq?: { api?: object } }).daq?.api)).toBe('object');
      expect(await win.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
      const prefs = await app.evaluate(({ BrowserWindow }) => {
        const w = BrowserWindow.getAllWindows()[0]!;
        return (w.webContents as unknown as { getLastWebPreferences(): Record<string, unknown> }).getLastWebPreferences();
      });
      expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    } finally {
      await app.close();
    }
  });

  it('opens an HDF5 file dropped on the Browser (the preload tells where the file is)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'daq-drop-'));
    const file = join(dir, 'dropped.h5');
    writeThirdPartyFile(file);
    const app = await electron.launch({ executablePath: bin!, args: [join(process.cwd(), 'out', 'main', 'index.js')], env: { ...process.env, DAQ_DATA_DIR: join(dir, 'data') } });
    try {
      const win = await app.firstWindow();
      await win.getByRole('tab', { name: 'Browser' }).click();
      // A File backed by a real path, as the OS gives one on a drop: set on a file input, then dropped.
      await win.evaluate("document.body.insertAdjacentHTML('beforeend', '<input type=file id=drop-source>')");
      await win.locator('#drop-source').setInputFiles(file);
      const dt = await win.evaluateHandle("(() => { const d = new DataTransfer(); d.items.add(document.getElementById('drop-source').files[0]); return d; })()");
      await win.getByTestId('browser-drop').dispatchEvent('drop', { dataTransfer: dt });
      await win.getByTestId('tree-/entry').waitFor();
    } finally {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
