// The checks a base path passes before data goes there, wherever it comes from (Settings panel / Api, --base-path,
// DAQ_BASE_PATH, a saved settings.json): the text rules of the contract (absolute, no NUL, not a kernel
// pseudo-filesystem), the same rules for the real folder a symlink leads to, and a write test. A recursive mkdir
// under /proc never returns (the main thread spins and ignores SIGTERM), so nothing here creates a folder before
// the rules passed, and the write test creates nothing but a probe file in a folder that already exists.
import { accessSync, closeSync, constants, existsSync, openSync, realpathSync, unlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DaqError } from '../shared/errors.ts';
import { basePathRuleProblem } from '../shared/settings.ts';

/** The nearest folder of `p` (itself or an ancestor) that exists. */
function nearestExisting(p: string): string {
  let dir = p;
  while (!existsSync(dir)) {
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return dir;
}

/** Why `p` (absolute, normalized) cannot hold data files, or undefined. `write` also tries writing there. */
export function basePathProblem(p: string, write: boolean): string | undefined {
  const rule = basePathRuleProblem(p);
  if (rule) return rule;
  const existing = nearestExisting(p);
  let real: string;
  try {
    real = realpathSync(existing);
  } catch (err) {
    return `${existing} cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`;
  }
  // A symlink must not lead into a pseudo-filesystem either.
  const realRule = basePathRuleProblem(real);
  if (realRule) return `${existing} leads to ${real}: ${realRule}`;
  if (!write) return undefined;
  if (existing !== p) {
    try {
      accessSync(existing, constants.W_OK);
    } catch (err) {
      return `${p} does not exist and ${existing} is not writable (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`;
    }
    return undefined;
  }
  const probe = join(p, `.daq-write-test-${process.pid}`);
  try {
    closeSync(openSync(probe, 'wx'));
    unlinkSync(probe);
  } catch (err) {
    return `${p} is not a writable folder (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`;
  }
  return undefined;
}

/**
 * A base path the user gives (Api, flag, environment): normalized and checked, including a write test, or a
 * BAD_ARGUMENTS error naming `what`. Relative paths are refused unless `cwd` says what they are relative to (the
 * command line and the environment variable, typed in a shell that knows its folder).
 */
export function checkBasePath(p: string, what: string, cwd?: string): string {
  if (p === '') return p;
  const abs = cwd !== undefined && !p.includes('\u0000') && basePathRuleProblem(p)?.startsWith('give the base path as an absolute') ? resolve(cwd, p) : p;
  const early = basePathRuleProblem(abs);
  if (early) throw new DaqError('BAD_ARGUMENTS', `${what}: ${early}.`);
  const normalized = resolve(abs);
  const problem = basePathProblem(normalized, true);
  if (problem) throw new DaqError('BAD_ARGUMENTS', `${what}: ${problem}. Choose another folder.`);
  return normalized;
}
