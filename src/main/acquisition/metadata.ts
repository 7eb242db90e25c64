// The session metadata registry (BLISS-style): entries grouped by category (instrument, sample,
// sample_description, proposal, technique, or any other), each static (a JSON value) or generated (a function
// of the scan, scripts only), collected at PREPARED, START or END of every scan. Static entries persist in
// <dataDir>/metadata.json so the app and `daq` commands share them: the file is re-read whenever it changed, so
// an entry set with `daq metadata set` while the app runs reaches the app's next scan (and is not overwritten).
import { copyFileSync, existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DaqError } from '../../shared/errors.ts';
import { MetadataCategory, MetadataKey, MetadataTiming as TimingSchema, type MetadataEntry, type MetadataTiming } from '../../shared/metadata.ts';
import { nullProtoCopy, userValueProblem } from '../../shared/user-data.ts';
import { writeFileAtomic } from '../atomic-file.ts';

export interface ScanContext {
  scanNumber: number;
  planName: string;
  motors: string[];
  detectors: string[];
}

type Generator = (scan: ScanContext) => unknown;

interface Entry {
  category: string;
  name: string;
  timing: MetadataTiming;
  value?: unknown;
  generate?: Generator;
}

export const DEFAULT_CATEGORIES = ['instrument', 'sample', 'sample_description', 'proposal', 'technique'];

/** BLISS's default: instrument metadata is collected at the end, everything else at the start. */
export function defaultTiming(category: string): MetadataTiming {
  return category === 'instrument' ? 'END' : 'START';
}

export class MetadataRegistry {
  private readonly entries = new Map<string, Entry>();
  private readonly file: string | undefined;
  /** mtime and size of the file when last read or written: another process changed it when they differ. */
  private seen = '';
  /** Set when the stored file held entries that are refused now (they were dropped); the session logs it. */
  warning: string | undefined;

  constructor(dataDir?: string) {
    this.file = dataDir ? join(dataDir, 'metadata.json') : undefined;
    this.refresh();
  }

  private stamp(): string {
    try {
      const st = statSync(this.file!);
      return `${st.ino}:${st.mtimeMs}:${st.size}`; // atomic writes rename a new file in: a new inode
    } catch {
      return 'none';
    }
  }

  /** Takes the static entries from the file when another process (or this one) changed it; generated ones stay. */
  private refresh(): void {
    if (!this.file) return;
    const stamp = this.stamp();
    if (stamp === this.seen) return;
    this.seen = stamp;
    for (const [k, e] of this.entries) if (!e.generate) this.entries.delete(k);
    for (const e of this.load()) this.entries.set(`${e.category}/${e.name}`, e);
  }

  private load(): Entry[] {
    if (!this.file || !existsSync(this.file)) return [];
    let list: unknown;
    try {
      list = JSON.parse(readFileSync(this.file, 'utf8'));
    } catch {
      return [];
    }
    if (!Array.isArray(list)) return [];
    // The file is checked like an Api call: an entry an older version (or a hand edit) stored with a prototype
    // name, too deep or too big a value is dropped, never replayed into a scan.
    const kept: Entry[] = [];
    const dropped: string[] = [];
    for (const e of list as Partial<MetadataEntry>[]) {
      if (!e || typeof e !== 'object') continue;
      const problem = entryProblem(e.category, e.name, e.value);
      if (problem) {
        dropped.push(`${String(e.category).slice(0, 64)}/${String(e.name).slice(0, 128)} (${problem})`);
        continue;
      }
      const timing = TimingSchema.safeParse(e.timing);
      kept.push({ category: e.category!, name: e.name!, timing: timing.success ? timing.data : defaultTiming(e.category!), value: nullProtoCopy(e.value) });
    }
    if (dropped.length > 0) this.repair(kept, dropped);
    return kept;
  }

  /** Keeps a copy of the refused file and rewrites it with the entries that are fine. */
  private repair(kept: Entry[], dropped: string[]): void {
    const aside = `${this.file!}.bad-${Date.now()}`;
    try {
      copyFileSync(this.file!, aside);
      writeFileAtomic(this.file!, JSON.stringify(kept.map((e) => ({ category: e.category, name: e.name, timing: e.timing, value: e.value, generated: false })), null, 2));
      this.warning = `Session metadata in ${this.file!} held ${dropped.length} entr${dropped.length === 1 ? 'y' : 'ies'} that cannot be used and ${dropped.length === 1 ? 'was' : 'were'} dropped: ${dropped.join('; ')}. The old file is kept as ${aside}.`;
    } catch (err) {
      this.warning = `Session metadata in ${this.file!} held entries that cannot be used (${dropped.join('; ')}); they are ignored, but the file could not be repaired: ${(err as Error).message}.`;
    }
  }

  private save(): void {
    if (!this.file) return;
    try {
      writeFileAtomic(this.file, JSON.stringify(this.list().filter((e) => !e.generated), null, 2));
      this.seen = this.stamp();
    } catch (err) {
      throw new DaqError('IO_ERROR', `Cannot save metadata to ${this.file}: ${(err as Error).message}. Check that the data folder is writable.`);
    }
  }

  /** A static entry (persisted). Every caller (Api, CLI, scripts) passes the same checks as the contract. */
  set(category: string, name: string, value: unknown, timing?: MetadataTiming): MetadataEntry {
    const problem = entryProblem(category, name, value);
    if (problem) throw new DaqError('BAD_ARGUMENTS', `metadata ${String(category).slice(0, 64)}/${String(name).slice(0, 128)}: ${problem}.`);
    this.refresh();
    this.entries.set(`${category}/${name}`, { category, name, value: nullProtoCopy(value), timing: timing ?? defaultTiming(category) });
    this.save();
    return this.list().find((e) => e.category === category && e.name === name)!;
  }

  /** A generated entry: computed for each scan (scripts; not persisted). */
  generate(category: string, name: string, fn: Generator, timing?: MetadataTiming): void {
    const problem = entryProblem(category, name, null);
    if (problem) throw new DaqError('BAD_ARGUMENTS', `metadata ${String(category).slice(0, 64)}/${String(name).slice(0, 128)}: ${problem}.`);
    this.entries.set(`${category}/${name}`, { category, name, generate: fn, timing: timing ?? defaultTiming(category) });
  }

  remove(category: string, name: string): boolean {
    this.refresh();
    const had = this.entries.delete(`${category}/${name}`);
    if (!had) throw new DaqError('NOT_FOUND', `No metadata entry ${category}/${name}. List them with \`daq metadata list\`.`);
    this.save();
    return true;
  }

  list(): MetadataEntry[] {
    this.refresh();
    return [...this.entries.values()].map((e) => ({ category: e.category, name: e.name, timing: e.timing, value: e.generate ? '(generated)' : e.value, generated: !!e.generate }));
  }

  /** {category: {name: value}} of the entries collected at these timings. A failing generator is reported in place. */
  collect(timings: MetadataTiming[], scan: ScanContext): Record<string, Record<string, unknown>> {
    this.refresh();
    // Null-prototype: a category or name such as "toString" must not find an inherited member.
    const out = Object.create(null) as Record<string, Record<string, unknown>>;
    for (const e of this.entries.values()) {
      if (!timings.includes(e.timing)) continue;
      let value: unknown;
      try {
        value = e.generate ? e.generate(scan) : e.value;
      } catch (err) {
        value = `error: ${(err as Error).message}`;
      }
      (out[e.category] ??= Object.create(null) as Record<string, unknown>)[e.name] = value;
    }
    return out;
  }
}

/** Why an entry cannot be stored (category, name and value as the Api schemas check them), or undefined. */
function entryProblem(category: unknown, name: unknown, value: unknown): string | undefined {
  const c = MetadataCategory.safeParse(category);
  if (!c.success) return `bad category: ${c.error.issues[0]?.message ?? 'not an identifier'}`;
  const n = MetadataKey.safeParse(name);
  if (!n.success) return `bad name: ${n.error.issues[0]?.message ?? 'not an identifier'}`;
  return userValueProblem(value);
}
