// The data folder (settings, catalog, journal, motor positions, the instrument's seed): created when the session
// opens, and the instrument "sample" seed kept in it so detector parameters stay stable across restarts.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DaqError } from '../shared/errors.ts';
import { writeFileAtomic } from './atomic-file.ts';
import { newSeed } from './instrument/rng.ts';

/** Creates the data folder (and its parents); a folder that cannot be made says which option chooses another. */
export function openDataFolder(dataDir: string): void {
  try {
    mkdirSync(dataDir, { recursive: true });
  } catch (err) {
    throw new DaqError('IO_ERROR', `Cannot create the data folder ${dataDir}: ${(err as Error).message}. Choose a writable folder with --data-dir or DAQ_DATA_DIR.`);
  }
}

/** The instrument's "sample": detector parameters drawn from a seed kept in the data dir, stable across restarts. */
export function instrumentSeed(dataDir: string): number {
  const file = join(dataDir, 'instrument_seed.json');
  try {
    if (existsSync(file)) {
      const v = (JSON.parse(readFileSync(file, 'utf8')) as { seed?: unknown }).seed;
      if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return v;
    }
  } catch {
    // unreadable: draw a new one below
  }
  const seed = newSeed();
  try {
    writeFileAtomic(file, JSON.stringify({ seed }));
  } catch {
    // a read-only data dir still gets a working instrument
  }
  return seed;
}
