#!/usr/bin/env node
// `npm test`: builds the UI if needed, then runs every test project (unit + integration in Node, e2e in
// Chromium) and ends with one plain summary line: "tests: N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { buildIfNeeded } from './build-if-needed.mjs';

buildIfNeeded();
mkdirSync('test-results', { recursive: true });
const report = 'test-results/vitest.json';
const r = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)], {
  stdio: 'inherit',
});
if (existsSync(report)) {
  const j = JSON.parse(readFileSync(report, 'utf8'));
  const skipped = (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0);
  // A file whose set-up (beforeAll) fails has no failed test, only skipped ones: name it so the line is not all green.
  const brokenFiles = (j.testResults ?? []).filter((f) => f.status === 'failed' && !f.assertionResults?.some((a) => a.status === 'failed'));
  const broken = brokenFiles.length ? `, ${brokenFiles.length} test file(s) failed before their tests ran` : '';
  console.log(`tests: ${j.numPassedTests} passed, ${j.numFailedTests} failed, ${skipped} skipped${broken}`);
}
process.exit(r.status ?? 1);
