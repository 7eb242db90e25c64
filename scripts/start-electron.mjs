#!/usr/bin/env node
// `npm start`: builds if needed and opens the Electron app. The Electron binary is fetched on first start (its
// install script is not run by `npm install`, see allowScripts in package.json); where it cannot be fetched,
// say so and point to the headless mode.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildIfNeeded } from './build-if-needed.mjs';

const dir = join('node_modules', 'electron');
function binary() {
  try {
    const bin = join(dir, 'dist', readFileSync(join(dir, 'path.txt'), 'utf8').trim());
    return existsSync(bin) ? bin : undefined;
  } catch {
    return undefined;
  }
}

buildIfNeeded();
let bin = binary();
if (!bin) {
  console.log('Fetching the Electron binary (first start only) …');
  spawnSync(process.execPath, [join(dir, 'install.js')], { stdio: 'inherit' });
  bin = binary();
}
if (!bin) {
  console.error(
    'The Electron binary could not be downloaded (no internet here?). Run the same app in your browser instead:\n' +
      '  npx daq serve\n' +
      'and open the URL it prints. On a machine with internet, `npm start` fetches Electron once and opens the window.',
  );
  process.exit(1);
}
const child = spawn(bin, ['.', ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
