// Whole-command speed of the CLI (issue 14, item 6): start-up (`daq version`, which opens no session), a bare
// Node for comparison, a whole `daq scan count 20000 --exp-time 0 --detectors det,diode1` (start, scan, save,
// exit), and the reference: a naive h5py script appending the same 20,000 points one by one, flushing every
// 0.5 s (bench/h5py_append_reference.py, run by Debian's /usr/bin/python3).
//
// Each is run several times and the median and the fastest run are printed: other work on the machine only
// ever adds time, so the fastest run is the best estimate of the command's own cost on a busy machine. The CPU
// time (user + system, from /usr/bin/time) is printed too; it depends far less on the load than wall time.
// `daq` runs the bundle from `npm run build` when it is up to date (bin/daq.mjs); DAQ_CLI_SOURCES=1 rows show
// the same commands from the TypeScript sources, as before the bundle.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { summarize, type Benchmark, type Figure } from './harness.ts';

interface Timing {
  median: number;
  min: number;
  /** Median user + system CPU time (ms), when /usr/bin/time is there. */
  cpu: number | undefined;
}

const TIME = '/usr/bin/time';

function timed(cmd: string, args: string[], n: number, env: NodeJS.ProcessEnv = process.env): Timing {
  const walls: number[] = [];
  const cpus: number[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'daq-bench-time-'));
  try {
    for (let i = 0; i < n; i++) {
      const cpuFile = join(dir, 'cpu');
      const withTime = existsSync(TIME);
      const t = performance.now();
      const r = withTime
        ? spawnSync(TIME, ['-o', cpuFile, '-f', '%U %S', cmd, ...args], { encoding: 'utf8', env })
        : spawnSync(cmd, args, { encoding: 'utf8', env });
      walls.push(performance.now() - t);
      if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
      if (withTime) {
        const [user, sys] = readFileSync(cpuFile, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
        cpus.push(((user ?? 0) + (sys ?? 0)) * 1000);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { median: summarize(walls).median, min: Math.min(...walls), cpu: cpus.length ? summarize(cpus).median : undefined };
}

function figures(what: string, t: Timing, target?: { ms: number; text: string }): Figure[] {
  const out: Figure[] = [
    { metric: `${what}, median`, value: t.median, unit: 'ms', ...(target ? { target: target.text, pass: t.median <= target.ms } : {}) },
    { metric: `${what}, fastest run`, value: t.min, unit: 'ms', ...(target ? { target: target.text, pass: t.min <= target.ms } : {}) },
  ];
  if (t.cpu !== undefined) out.push({ metric: `${what}, CPU time (user + system), median`, value: t.cpu, unit: 'ms' });
  return out;
}

const bench: Benchmark = {
  name: 'cli',
  async run(): Promise<Figure[]> {
    const dir = mkdtempSync(join(tmpdir(), 'daq-bench-cli-'));
    const node = process.execPath;
    const sourcesEnv = { ...process.env, DAQ_CLI_SOURCES: '1' };
    const bundled = existsSync('out/cli/inputs.json');
    const scanArgs = (tag: string) => ['bin/daq.mjs', 'scan', 'count', '20000', '--exp-time', '0', '--detectors', 'det,diode1', '--json', '--data-dir', join(dir, `data-${tag}`), '--base-path', join(dir, `files-${tag}`)];
    try {
      // A first scan in each data dir: the instrument's seed and the catalog exist, as for a user's second command.
      for (const [tag, env] of [['bundle', process.env], ['sources', sourcesEnv]] as const) spawnSync(node, scanArgs(tag).map((a) => (a === '20000' ? '10' : a)), { env });
      const bare = timed(node, ['-e', '0'], 10);
      const version = timed(node, ['bin/daq.mjs', 'version'], 10);
      const versionSrc = timed(node, ['bin/daq.mjs', 'version'], 5, sourcesEnv);
      const scan = timed(node, scanArgs('bundle'), 7);
      const scanSrc = timed(node, scanArgs('sources'), 3, sourcesEnv);
      const out: Figure[] = [
        ...figures('bare `node -e 0`', bare),
        ...figures(`\`daq version\` (start-up)${bundled ? '' : ' [no bundle: run `npm run build`]'}`, version, { ms: 200, text: '≤ 200 ms' }),
        ...figures('`daq version` from the sources (DAQ_CLI_SOURCES=1)', versionSrc),
        ...figures('`daq scan count 20000 --exp-time 0 --detectors det,diode1`, whole command', scan, { ms: 550, text: '≤ 550 ms' }),
        ...figures('the same scan from the sources (DAQ_CLI_SOURCES=1)', scanSrc),
      ];
      const h5py = spawnSync('/usr/bin/python3', ['-c', 'import h5py, numpy'], { encoding: 'utf8' });
      if (h5py.status === 0) {
        const ref = timed('/usr/bin/python3', ['bench/h5py_append_reference.py', join(dir, 'h5py.h5'), '20000'], 3);
        out.push(...figures('reference: h5py appending the 20,000 points one by one, flush every 0.5 s', ref));
        out.push({ metric: 'h5py reference ÷ daq scan (medians)', value: ref.median / scan.median, unit: '×', target: '≥ 3×', pass: ref.median / scan.median >= 3 });
        out.push({ metric: 'h5py reference ÷ daq scan (fastest runs)', value: ref.min / scan.min, unit: '×', target: '≥ 3×', pass: ref.min / scan.min >= 3 });
        if (ref.cpu !== undefined && scan.cpu !== undefined) out.push({ metric: 'h5py reference ÷ daq scan (CPU time)', value: ref.cpu / scan.cpu, unit: '×' });
      } else {
        process.stderr.write('cli bench: no h5py for /usr/bin/python3 (apt-get install python3-h5py): the reference row is left out\n');
      }
      return out;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
export default bench;
