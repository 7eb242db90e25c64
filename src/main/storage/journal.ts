// The list of scans being written right now (<dataDir>/open-scans.json). A scan enters it before its file is
// touched and leaves it when its end is on disk; whatever is left after a kill is repaired at the next start.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../atomic-file.ts';

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

  add(e: OpenScan): void {
    writeFileAtomic(this.path, JSON.stringify([...this.list().filter((x) => !(x.file === e.file && x.entry === e.entry)), e]));
  }

  remove(file: string, entry: string): void {
    writeFileAtomic(this.path, JSON.stringify(this.list().filter((x) => !(x.file === file && x.entry === entry))));
  }
}
