// h5wasm must load in Electron's main process, where a Chrome-like `navigator` exists and makes the Node build
// refuse to start. The loader hides navigator while importing and restores it afterwards.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const ELECTRON_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) daq-studio/0.1.0 Chrome/140.0.0.0 Electron/45.4.1 Safari/537.36';

/** Runs a script in a fresh Node (fresh module cache) with an Electron-like navigator installed first. */
function runWithElectronNavigator(body: string) {
  const script = `
    Object.defineProperty(globalThis, 'navigator', { value: { userAgent: ${JSON.stringify(ELECTRON_UA)}, platform: 'Linux x86_64' }, configurable: true, writable: true, enumerable: true });
    const before = globalThis.navigator;
    ${body}
  `;
  return spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: process.cwd(), encoding: 'utf8', timeout: 60_000 });
}

describe('h5wasm loader', () => {
  it('loads h5wasm under an Electron-like navigator, writes and reads a file, and restores navigator', () => {
    const r = runWithElectronNavigator(`
      const { loadH5wasm } = await import('./src/main/storage/h5wasm.ts');
      const h5 = await loadH5wasm();
      const again = await loadH5wasm();
      const path = (await import('node:os')).tmpdir() + '/daq-loader-' + process.pid + '.h5';
      const f = new h5.File(path, 'w');
      f.create_dataset({ name: 'x', data: new Float64Array([1, 2, 3]) });
      f.close();
      const g = new h5.File(path, 'r');
      const v = Array.from(g.get('x').value);
      g.close();
      (await import('node:fs')).rmSync(path);
      console.log(JSON.stringify({ v, same: h5 === again, restored: globalThis.navigator === before }));
    `);
    expect(r.stderr).not.toMatch(/requires Chrome/);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout.trim())).toEqual({ v: [1, 2, 3], same: true, restored: true });
  });

  it('is needed: importing h5wasm directly under the same navigator fails', () => {
    const r = runWithElectronNavigator(`
      try { const m = await import('h5wasm/node'); await m.ready; console.log('loaded'); }
      catch (e) { console.log('refused: ' + e.message); }
    `);
    expect(r.stdout + r.stderr).toMatch(/refused|requires Chrome/);
  });
});
