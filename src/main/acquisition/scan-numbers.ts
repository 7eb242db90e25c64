// Scan numbers increase by one per scan and never repeat, across restarts, kills and concurrent processes
// (the app and a `daq` command at once). The last number is kept in <dataDir>/scan_number.json, taken under a
// lock file and written durably BEFORE the start document goes out.
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DaqError } from '../../shared/errors.ts';
import { writeFileAtomic } from '../atomic-file.ts';

export class ScanNumbers {
  private readonly file: string;
  private readonly lock: string;
  /** Other sources of truth (the catalog, the files) can raise the floor. */
  private readonly floors: (() => number)[] = [];

  constructor(dataDir: string) {
    this.file = join(dataDir, 'scan_number.json');
    this.lock = join(dataDir, 'scan_number.lock');
  }

  addFloor(highestKnown: () => number): void {
    this.floors.push(highestKnown);
  }

  /** The last number handed out (0 before the first scan). */
  last(): number {
    if (!existsSync(this.file)) return 0;
    try {
      const v = (JSON.parse(readFileSync(this.file, 'utf8')) as { last?: unknown }).last;
      return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : 0;
    } catch {
      return 0; // a torn file cannot happen (atomic writes); a foreign one is ignored, floors still apply
    }
  }

  next(): number {
    this.acquire();
    try {
      let n = this.last();
      for (const f of this.floors) n = Math.max(n, f());
      n += 1;
      try {
        writeFileAtomic(this.file, JSON.stringify({ last: n }));
      } catch (err) {
        throw new DaqError('IO_ERROR', `Cannot record scan number ${n} in ${this.file}: ${(err as Error).message}. Check that the data folder is writable.`);
      }
      return n;
    } finally {
      rmSync(this.lock, { force: true });
    }
  }

  private acquire(): void {
    const until = Date.now() + 5000;
    try {
      mkdirSync(dirname(this.lock), { recursive: true }); // the data folder may have been removed meanwhile
    } catch {
      // reported below when the lock cannot be created
    }
    for (;;) {
      try {
        closeSync(openSync(this.lock, 'wx'));
        return;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
          throw new DaqError('IO_ERROR', `Cannot take the scan-number lock ${this.lock}: ${(err as Error).message}. Check that the data folder is writable.`);
        }
        // A lock left by a killed process is stale after 10 s.
        try {
          if (Date.now() - statSync(this.lock).mtimeMs > 10_000) rmSync(this.lock, { force: true });
        } catch {
          // gone meanwhile
        }
        if (Date.now() > until) throw new DaqError('BUSY', `The scan-number lock ${this.lock} is held by another process. If no other DAQ Studio runs, delete that file.`);
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
      }
    }
  }
}
