// Runs Debian's Python (the one with h5py and silx) on a script and parses the JSON it prints.
import { spawnSync } from 'node:child_process';

export const PYTHON = '/usr/bin/python3';

export function python<T = unknown>(script: string, ...args: string[]): T {
  const r = spawnSync(PYTHON, ['-c', script, ...args], { encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`python failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}
