// One JSON file of named sets in the data dir (saved motor positions, detector presets): name → { savedAt, values }.
// Written with the atomic-file writer, so a crash leaves the old or the new file. Kept in a Map (user keys never
// reach an object's prototype) and returned as null-prototype objects. A file that cannot be read as such a list
// is moved aside (never overwritten), so a user's hand edit that went wrong is not lost. Another process on the
// same data dir (the desktop app and `daq serve`) may write the file too: it is read again whenever its inode,
// time or size changed, and every change is made on what the file holds just then.
import { existsSync, readFileSync, renameSync, statSync } from 'node:fs';
import { DaqError } from '../shared/errors.ts';
import { FORBIDDEN_KEYS } from '../shared/user-data.ts';
import { MAX_SAVED_SETS } from '../shared/saved-sets.ts';
import { writeFileAtomic } from './atomic-file.ts';

export interface NamedSet<V> {
  name: string;
  savedAt: string;
  values: V;
}

export class NamedSetsFile<V> {
  private sets: Map<string, NamedSet<V>> | undefined;
  /** The file's identity when last read or written ('' when absent). */
  private seen = '';
  readonly file: string;
  private readonly what: string;
  private readonly parse: (raw: unknown) => V | undefined;

  /** `what` names the kind of set in messages ("saved positions"); `parse` returns undefined for a bad value. */
  constructor(file: string, what: string, parse: (raw: unknown) => V | undefined) {
    this.file = file;
    this.what = what;
    this.parse = parse;
  }

  private stamp(): string {
    try {
      const st = statSync(this.file);
      return `${st.ino}:${st.mtimeMs}:${st.size}`;
    } catch {
      return '';
    }
  }

  private load(): Map<string, NamedSet<V>> {
    const stamp = this.stamp();
    if (this.sets && stamp === this.seen) return this.sets;
    this.seen = stamp;
    const sets = new Map<string, NamedSet<V>>();
    if (existsSync(this.file)) {
      try {
        const raw = JSON.parse(readFileSync(this.file, 'utf8')) as unknown;
        if (!Array.isArray(raw)) throw new Error('not a list');
        for (const item of raw as unknown[]) {
          if (!item || typeof item !== 'object') continue;
          const { name, savedAt, values } = item as Record<string, unknown>;
          const v = this.parse(values);
          if (typeof name === 'string' && !FORBIDDEN_KEYS.has(name) && typeof savedAt === 'string' && v !== undefined) sets.set(name, { name, savedAt, values: v });
        }
      } catch {
        try {
          renameSync(this.file, `${this.file}.unreadable-${Date.now()}`);
        } catch {
          // Cannot move it: the next save replaces it, which is all that can be done.
        }
      }
    }
    this.sets = sets;
    return sets;
  }

  /** Every set, by name (case-insensitive order, as a user scans a list). */
  list(): NamedSet<V>[] {
    return [...this.load().values()].sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }));
  }

  get(name: string): NamedSet<V> {
    const s = this.load().get(name);
    if (!s) throw new DaqError('NOT_FOUND', `No ${this.what} named "${name}". Saved: ${this.list().map((x) => `"${x.name}"`).join(', ') || 'none yet'}.`);
    return s;
  }

  /** Saves (or replaces) a set and writes the file before returning. */
  put(name: string, values: V): NamedSet<V> {
    const sets = this.load();
    if (!sets.has(name) && sets.size >= MAX_SAVED_SETS) {
      throw new DaqError('BAD_ARGUMENTS', `There are already ${MAX_SAVED_SETS} ${this.what}; delete some before saving another.`);
    }
    const set = { name, savedAt: new Date().toISOString(), values };
    const next = new Map(sets).set(name, set);
    this.write(next);
    return set;
  }

  delete(name: string): void {
    this.get(name);
    const next = new Map(this.load());
    next.delete(name);
    this.write(next);
  }

  private write(next: Map<string, NamedSet<V>>): void {
    try {
      writeFileAtomic(this.file, JSON.stringify([...next.values()], null, 1));
    } catch (err) {
      throw new DaqError('IO_ERROR', `Cannot write ${this.file}: ${(err as Error).message}. Check that the data folder is writable.`);
    }
    // Only a written file changes what is listed.
    this.sets = next;
    this.seen = this.stamp();
  }
}

/** A plain name → finite number record from JSON, as a null-prototype object (undefined when it is not one). */
export function numberRecord(raw: unknown): Record<string, number> | undefined {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const out = Object.create(null) as Record<string, number>;
  for (const [k, v] of Object.entries(raw)) {
    if (FORBIDDEN_KEYS.has(k) || typeof v !== 'number' || !Number.isFinite(v)) return undefined;
    out[k] = v;
  }
  return out;
}
