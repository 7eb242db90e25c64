// The list of scans being written right now (<dataDir>/open-scans.json). A scan enters it before its file is
// touched and leaves it when its end is on disk; whatever is left after a kill is repaired at the next start.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomicAsync } from '../atomic-file.ts';

export interface OpenScan {
  file: string;
  entry: string;
  uid: string;
  pid: number;
}

export class Journal {
  readonly path: string;
  constructor(dataDir: string) {
    this.path = join(dataDir, 'open-scans.json');
  }

  list(): OpenScan[] {
    if (!existsSync(this.path)) return [];
    try {
      const v = JSON.parse(readFileSync(this.path, 'utf8')) as unknown;
      return Array.isArray(v) ? (v as OpenScan[]).filter((e) => e && typeof e.file === 'string' && typeof e.entry === 'string') : [];
    } catch {
      return [];
    }
  }

  /** Durable (fsynced) before it resolves; the file is touched only after that. */
  add(e: OpenScan): Promise<void> {
    return this.update((l) => [...l.filter((x) => !(x.file === e.file && x.entry === e.entry)), e]);
  }

  remove(file: string, entry: string): Promise<void> {
    return this.update((l) => l.filter((x) => !(x.file === file && x.entry === entry)));
  }

  /** Updates of one journal file, one after another (the scan writer and the saver share it). */
  private static readonly chains = new Map<string, Promise<void>>();

  /** Read, change and write the list, off the main thread's critical path (writeFileAtomicAsync), in order. */
  private update(change: (l: OpenScan[]) => OpenScan[]): Promise<void> {
    const before = Journal.chains.get(this.path) ?? Promise.resolve();
    const next = before.then(() => writeFileAtomicAsync(this.path, JSON.stringify(change(this.list()))));
    const settled = next.catch(() => undefined);
    Journal.chains.set(this.path, settled);
    void settled.then(() => {
      if (Journal.chains.get(this.path) === settled) Journal.chains.delete(this.path);
    });
    return next;
  }
}
