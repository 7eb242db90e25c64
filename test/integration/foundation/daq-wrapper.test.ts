// bin/daq.mjs on an older Node re-runs itself on the project's Node 24. Stopping the wrapper (SIGTERM from a
// service manager, SIGINT) must stop that child too, cleanly, instead of leaving it running orphaned.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../helpers/wait-for.ts';

const OLD_NODE = '/usr/bin/node';
const oldVersion = existsSync(OLD_NODE) ? spawnSync(OLD_NODE, ['--version'], { encoding: 'utf8' }).stdout.trim() : '';
const isOld = /^v(1\d|20|21|22\.(1[0-7]|\d)\.)/.test(oldVersion);
if (!isOld) console.log(`SKIPPED daq wrapper signal test: it needs a Node older than 22.18 at ${OLD_NODE} (found "${oldVersion || 'none'}"), so that bin/daq.mjs re-runs itself.`);

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'daq-wrapper-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

describe.skipIf(!isOld)('bin/daq.mjs on an old Node', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`passes ${signal} on to the Node 24 child, which stops cleanly`, async () => {
      const wrapper = spawn(OLD_NODE, ['bin/daq.mjs', 'serve', '--json', '--data-dir', join(dir, signal, 'data'), '--base-path', join(dir, signal, 'files')], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      wrapper.stdout!.on('data', (d) => (out += d));
      let err = '';
      wrapper.stderr!.on('data', (d) => (err += d));
      const exited = new Promise<number | null>((r) => wrapper.once('exit', (c) => r(c)));
      await waitFor(() => out.includes('"url"'), { what: 'the URL', timeout: 30_000 });
      const [child] = childrenOf(wrapper.pid!);
      expect(child, 'the Node 24 child').toBeGreaterThan(0);
      try {
        wrapper.kill(signal);
        expect(await exited, err).toBe(0); // the child closed its session and exited 0; the wrapper passes that on
        await waitFor(() => !alive(child!), { what: 'the child to end', timeout: 10_000 });
      } finally {
        if (alive(child!)) process.kill(child!, 'SIGKILL');
      }
    });
  }
});
