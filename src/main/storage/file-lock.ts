// A data file's write lock (<file>.lock holding the writer's pid): one process writes a file at a time, and a
// lock left by a dead process is taken over. A full disk when taking it reads as the documented error.
import { closeSync, openSync, readFileSync, rmSync, statfsSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { DaqError } from '../../shared/errors.ts';

/** Takes a file's write lock; a lock left by a dead process is taken over. */
export function lockFile(file: string): (() => void) | undefined {
  const lock = `${file}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lock, 'wx');
      try {
        writeSync(fd, String(process.pid));
      } catch (err) {
        rmSync(lock, { force: true });
        throw err;
      } finally {
        closeSync(fd);
      }
      return () => rmSync(lock, { force: true });
    } catch (err) {
      // A full disk reads as documented (not the raw "ENOSPC: no space left on device, write").
      if ((err as NodeJS.ErrnoException).code === 'ENOSPC') throw noSpaceError(file);
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(readFileSync(lock, 'utf8'));
      let alive: boolean;
      try {
        alive = Number.isInteger(pid) && pid > 0 && (process.kill(pid, 0), true);
      } catch (e) {
        alive = (e as NodeJS.ErrnoException).code === 'EPERM';
      }
      if (alive) return undefined;
      rmSync(lock, { force: true });
    }
  }
  return undefined;
}

/** The documented full-disk error (docs/reliability.md), for failures before the writer thread is involved. */
export function noSpaceError(file: string): DaqError {
  let free = 0;
  try {
    const st = statfsSync(dirname(file));
    free = Number(st.bavail) * Number(st.bsize);
  } catch {
    // unknown: say 0
  }
  return new DaqError('IO_ERROR', `No space left on device for ${file} (${Math.floor(free / 1024)} kB free). Free some space (or choose another base path) and start again.`);
}
