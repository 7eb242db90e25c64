#!/usr/bin/env node
// `npm run bench [-- name ...]`: runs every bench/*.bench.ts (or the named ones), prints a table of figures
// and writes bench/results/latest.json with the machine it ran on.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();
if (files.length === 0) {
  console.error(`No benchmark matches ${wanted.join(' ')}. Available: ${readdirSync(here).filter((f) => f.endsWith('.bench.ts')).join(', ')}`);
  process.exit(2);
}
const machine = { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.versions.node, platform: `${process.platform}-${process.arch}` };
const results = [];
let failed = false;
for (const f of files) {
  const mod = await import(pathToFileURL(join(here, f)).href);
  const bench = mod.default;
  process.stderr.write(`running ${bench.name} …\n`);
  try {
    const figures = await bench.run();
    results.push({ name: bench.name, figures });
  } catch (err) {
    failed = true;
    results.push({ name: bench.name, error: String(err?.stack ?? err) });
    console.error(`${bench.name} failed: ${err?.stack ?? err}`);
  }
}
const fmt = (v) => (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(2) : v.toPrecision(3));
const rows = [['benchmark', 'figure', 'value', 'unit', 'target', '']];
for (const r of results) for (const fig of r.figures ?? []) rows.push([r.name, fig.metric, fmt(fig.value), fig.unit, fig.target ?? '', fig.pass === undefined ? '' : fig.pass ? 'ok' : 'MISSED']);
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
console.log(`machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.platform}`);
for (const r of rows) console.log(r.map((c, i) => String(c).padEnd(widths[i])).join('  '));
mkdirSync(join(here, 'results'), { recursive: true });
writeFileSync(join(here, 'results', 'latest.json'), JSON.stringify({ date: new Date().toISOString(), machine, results }, null, 2));
process.exitCode = failed ? 1 : 0;
