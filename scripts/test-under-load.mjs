#!/usr/bin/env node
// `npm run test:under-load`: the integration tests while two busy loops keep both cores of a 2-core machine
// busy, as on a shared CI runner. A test that sleeps "long enough" instead of waiting on a condition fails here.
// The busy loops are bounded: they stop when the run ends (or this script is interrupted), when this process
// disappears, and in any case after DAQ_LOAD_MINUTES (default 30). Extra arguments go to vitest, e.g.
// `npm run test:under-load -- test/integration/storage/faults.test.ts`.
import { spawn } from 'node:child_process';

const LOOPS = 2;
const minutes = Number(process.env.DAQ_LOAD_MINUTES ?? 30);
if (!(minutes > 0)) {
  console.error(`DAQ_LOAD_MINUTES must be a positive number of minutes, got "${process.env.DAQ_LOAD_MINUTES}"`);
  process.exit(2);
}

// Spins until its deadline or until its parent (this script) is gone; checks both every ~10 ms of work.
const BUSY = `
const end = Date.now() + ${Math.round(minutes * 60_000)};
const parent = process.ppid;
let x = 0;
for (;;) {
  for (let i = 0; i < 1e6; i++) x = (x + i) % 1000003;
  if (Date.now() > end || process.ppid !== parent) process.exit(0);
}`;

const loops = Array.from({ length: LOOPS }, () => spawn(process.execPath, ['-e', BUSY], { stdio: 'ignore' }));
const stopLoops = () => {
  for (const l of loops) if (l.exitCode === null && l.signalCode === null) l.kill('SIGKILL');
};
process.on('exit', stopLoops);
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    stopLoops();
    process.exit(130);
  });
}

console.log(`test:under-load: ${LOOPS} busy loops running (pids ${loops.map((l) => l.pid).join(', ')}; they stop with this run, at the latest after ${minutes} min)`);
const args = process.argv.slice(2);
const vitest = spawn(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--project', 'unit', ...(args.length ? args : ['test/integration'])], { stdio: 'inherit' });
vitest.on('exit', (code, signal) => {
  stopLoops();
  console.log(`test:under-load: ${code === 0 ? 'passed' : `FAILED (${signal ?? `exit code ${code}`})`} with ${LOOPS} busy loops`);
  process.exit(code ?? 1);
});
