// Builds the app (electron-vite) when out/ is missing or older than any source file, so `npm start` and
// `npm test` work straight after `npm install`.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

export function buildIfNeeded() {
  const outputs = ['out/renderer/index.html', 'out/main/index.js', 'out/preload/index.cjs', 'out/cli/main.js'];
  const built = outputs.every((f) => existsSync(f)) ? Math.min(...outputs.map((f) => statSync(f).mtimeMs)) : 0;
  const sources = Math.max(newest('src'), statSync('electron.vite.config.ts').mtimeMs, statSync('scripts/build-cli.mjs').mtimeMs);
  if (built >= sources) return;
  console.log('Building the app (electron-vite build) …');
  const r = spawnSync(process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build'], { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error('The build failed; see the messages above.');
    process.exit(r.status ?? 1);
  }
  // The `daq` command's bundle (bin/daq.mjs runs it when it is up to date).
  const cli = spawnSync(process.execPath, ['scripts/build-cli.mjs'], { stdio: 'inherit' });
  if (cli.status !== 0) {
    console.error('The CLI build failed; see the messages above.');
    process.exit(cli.status ?? 1);
  }
}
