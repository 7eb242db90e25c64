// Repairs scans a killed process left half-written: the file's "open for writing" flags are cleared (so plain
// readers open it without h5clear), the points flushed before the kill stay, and the entry gets exit_status
// "fail", the reason and an end_time. Runs when a session starts; scans of a live process are left alone.
import { existsSync, statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import { loadH5wasm } from './h5wasm.ts';
import { Journal, type OpenScan } from './journal.ts';
import { finishEntry } from './nexus-layout.ts';
import { clearWriteFlags } from './superblock.ts';

export interface Recovered {
  file: string;
  entry: string;
  uid: string;
  points: number;
  /** Empty when repaired; otherwise why it could not be. */
  problem: string;
}

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return pid === process.pid;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export const KILLED_REASON = 'the writing process stopped before the scan ended (repaired at the next start)';

export async function recoverOpenScans(dataDir: string): Promise<Recovered[]> {
  const journal = new Journal(dataDir);
  const out: Recovered[] = [];
  for (const e of journal.list()) {
    if (alive(e.pid)) continue;
    out.push(await repairScan(e));
    await journal.remove(e.file, e.entry);
  }
  return out;
}

/** Makes one half-written scan readable: clears the open-for-writing flags and writes its end state as failed. */
export async function repairScan(e: OpenScan, reason = KILLED_REASON): Promise<Recovered> {
  const r: Recovered = { file: e.file, entry: e.entry, uid: e.uid, points: 0, problem: '' };
  if (!existsSync(e.file)) {
    r.problem = `${e.file} no longer exists`;
    return r;
  }
  try {
    clearWriteFlags(e.file);
    const h5 = await loadH5wasm();
    const f = new h5.File(e.file, 'a', { libver: ['v110', 'v114'] });
    try {
      const entry = f.get(e.entry) as InstanceType<typeof h5.Group> | null;
      if (!entry) {
        r.problem = `${e.file} has no entry ${e.entry} (the kill came before it was created)`;
        return r;
      }
      const ms = entry.get('measurement') as InstanceType<typeof h5.Group> | null;
      const first = ms?.keys()[0];
      const shape = first ? (f.get(`${e.entry}/measurement/${first}`) as InstanceType<typeof h5.Dataset>).shape : null;
      r.points = shape?.[0] ?? 0;
      // The end state only where it fits: on a full disk new objects would be left half-written (unreadable).
      let free = Infinity;
      try {
        const st = statfsSync(dirname(e.file));
        free = Number(st.bavail) * Number(st.bsize);
      } catch {
        // cannot tell: try
      }
      if (!entry.keys().includes('end_time') && free < 512 * 1024) {
        r.problem = `No space left on device for ${e.file} (${Math.floor(free / 1024)} kB free): its ${r.points} point(s) are readable, but the end state was not written`;
      } else if (!entry.keys().includes('end_time')) {
        finishEntry(f, e.entry, { uid: '', run_start: e.uid, time: Date.now() / 1000, exit_status: 'fail', reason, num_events: r.points, positioners_end: {}, md_end: {} }, {});
      }
      f.flush();
    } finally {
      f.close();
    }
  } catch (err) {
    r.problem = `${e.file}: ${(err as Error).message}`;
  }
  return r;
}
