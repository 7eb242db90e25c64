// Whole-command speed of the CLI: start-up (`daq version`, which opens no session), a bare Node for comparison,
// and a whole `daq scan count 20000 --exp-time 0 --detectors det,diode1` (start, scan, save, exit).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { summarize, type Benchmark, type Figure } from './harness.ts';

function wall(args: string[], n: number): number {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
    times.push(performance.now() - t);
  }
  return summarize(times).median;
}

const bench: Benchmark = {
  name: 'cli',
  async run(): Promise<Figure[]> {
    const dir = mkdtempSync(join(tmpdir(), 'daq-bench-cli-'));
    try {
      const node = wall(['-e', '0'], 5);
      const version = wall(['bin/daq.mjs', 'version'], 5);
      const scan = wall(['bin/daq.mjs', 'scan', 'count', '20000', '--exp-time', '0', '--detectors', 'det,diode1', '--json', '--data-dir', join(dir, 'data'), '--base-path', join(dir, 'files')], 3);
      return [
        { metric: 'bare `node -e 0`, median of 5', value: node, unit: 'ms' },
        { metric: '`daq version` (start-up), median of 5', value: version, unit: 'ms', target: '≤ 200 ms', pass: version <= 200 },
        { metric: '`daq scan count 20000 --exp-time 0 --detectors det,diode1`, whole command, median of 3', value: scan, unit: 'ms', target: '≤ 550 ms', pass: scan <= 550 },
      ];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
export default bench;
