// The session metadata registry (BLISS-style): entries grouped by category (instrument, sample,
// sample_description, proposal, technique, or any other), each static (a JSON value) or generated (a function
// of the scan, scripts only), collected at PREPARED, START or END of every scan. Static entries persist in
// <dataDir>/metadata.json so the app and `daq` commands share them: the file is re-read whenever it changed, so
// an entry set with `daq metadata set` while the app runs reaches the app's next scan (and is not overwritten).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DaqError } from '../../shared/errors.ts';
import type { MetadataEntry, MetadataTiming } from '../../shared/metadata.ts';
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
    try {
      const list = JSON.parse(readFileSync(this.file, 'utf8')) as MetadataEntry[];
      return Array.isArray(list) ? list.filter((e) => e && typeof e.category === 'string' && typeof e.name === 'string').map((e) => ({ category: e.category, name: e.name, timing: e.timing, value: e.value })) : [];
    } catch {
      return [];
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

  /** A static entry (persisted). */
  set(category: string, name: string, value: unknown, timing?: MetadataTiming): MetadataEntry {
    this.refresh();
    this.entries.set(`${category}/${name}`, { category, name, value, timing: timing ?? defaultTiming(category) });
    this.save();
    return this.list().find((e) => e.category === category && e.name === name)!;
  }

  /** A generated entry: computed for each scan (scripts; not persisted). */
  generate(category: string, name: string, fn: Generator, timing?: MetadataTiming): void {
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
    const out: Record<string, Record<string, unknown>> = {};
    for (const e of this.entries.values()) {
      if (!timings.includes(e.timing)) continue;
      let value: unknown;
      try {
        value = e.generate ? e.generate(scan) : e.value;
      } catch (err) {
        value = `error: ${(err as Error).message}`;
      }
      (out[e.category] ??= {})[e.name] = value;
    }
    return out;
  }
}
