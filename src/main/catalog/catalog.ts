// The catalog: one row per scan in a real SQLite file (<dataDir>/catalog.sqlite, WAL, busy timeout), written
// from the document stream as scans start and end, and queried by the history. It is never the only copy of
// anything: files are the source of truth and `rebuild` re-creates the catalog from them.
import Database from 'better-sqlite3';
import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { Doc, ResourceDoc } from '../../shared/documents.ts';
import { DaqError } from '../../shared/errors.ts';
import type { HistoryPage, HistoryQuery, ScanRow } from '../../shared/history.ts';
import { historyFilter, historyOrder } from './history-query.ts';
import { MIGRATIONS, SCHEMA_VERSION } from './schema.ts';

type Db = InstanceType<typeof Database>;

interface RawRow {
  uid: string;
  scan_number: number;
  plan_name: string;
  title: string;
  status: string;
  exit_status: string | null;
  reason: string;
  start_time: number;
  end_time: number | null;
  num_points: number | null;
  file: string;
  entry: string;
  motors: string;
  detectors: string;
  md: string;
  sample: string;
  seed: number | null;
  plan_args: string;
}

export function toRow(r: RawRow): ScanRow {
  return {
    uid: r.uid,
    scanNumber: r.scan_number,
    planName: r.plan_name,
    title: r.title,
    status: r.status === 'running' ? 'running' : 'finished',
    exitStatus: (r.exit_status as ScanRow['exitStatus']) ?? null,
    reason: r.reason,
    startTime: r.start_time,
    endTime: r.end_time,
    numPoints: r.num_points,
    file: r.file,
    entry: r.entry,
    motors: JSON.parse(r.motors) as string[],
    detectors: JSON.parse(r.detectors) as string[],
    sample: r.sample,
    md: JSON.parse(r.md) as Record<string, unknown>,
    seed: r.seed ?? null,
    planArgs: JSON.parse(r.plan_args || '{}') as Record<string, unknown>,
  };
}

function sampleOf(md: Record<string, unknown>): string {
  const s = md.sample;
  if (typeof s === 'string') return s;
  if (s && typeof s === 'object' && typeof (s as { name?: unknown }).name === 'string') return (s as { name: string }).name;
  return '';
}

/** A row as writers and the rebuild give it: the sample is derived from md, the exit status is the file's text. */
export type UpsertScan = Omit<ScanRow, 'sample' | 'exitStatus'> & { exitStatus: string | null };


export class Catalog {
  readonly path: string;
  readonly db: Db;
  /** Set when the catalog file was corrupt and had to be replaced (the caller rebuilds from the files). */
  readonly replacedCorrupt: string | undefined;

  constructor(dataDir: string) {
    this.path = join(dataDir, 'catalog.sqlite');
    let replaced: string | undefined;
    let db: Db;
    try {
      db = this.open();
    } catch (err) {
      if (err instanceof DaqError) throw err;
      // Not a database (or damaged beyond use): keep it aside, start empty; the files rebuild it.
      const aside = `${this.path}.corrupt-${Date.now()}`;
      renameSync(this.path, aside);
      for (const ext of ['-wal', '-shm']) if (existsSync(this.path + ext)) renameSync(this.path + ext, aside + ext);
      replaced = aside;
      db = this.open();
    }
    this.db = db;
    this.replacedCorrupt = replaced;
  }

  private open(): Db {
    // Writes are short transactions; a catalog locked for longer than 2 s is reported rather than waited for.
    const db = new Database(this.path, { timeout: 2_000 });
    try {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
      const version = db.pragma('user_version', { simple: true }) as number;
      if (version > SCHEMA_VERSION) {
        throw new DaqError('CONFIG_ERROR', `${this.path} was written by a newer DAQ Studio (catalog schema ${version}; this version knows ${SCHEMA_VERSION}). Update DAQ Studio, or move the file away and run \`daq catalog rebuild\` to index your data files again.`);
      }
      if (version !== 0 || db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'scans'").get()) {
        // quick_check catches a file that is not a database at all, or is damaged.
        const ok = db.pragma('quick_check', { simple: true });
        if (ok !== 'ok') throw new Error(`quick_check: ${String(ok)}`);
      }
      db.transaction(() => {
        for (let v = version + 1; v <= SCHEMA_VERSION; v++) db.exec(MIGRATIONS[v]!);
        db.pragma(`user_version = ${SCHEMA_VERSION}`);
      }).immediate();
      return db;
    } catch (err) {
      db.close();
      throw err;
    }
  }

  upsert(s: UpsertScan): void {
    const tx = this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO scans (uid, scan_number, plan_name, title, status, exit_status, reason, start_time, end_time, num_points, file, entry, motors, detectors, md, sample, plan_args, seed)
           VALUES (@uid, @scanNumber, @planName, @title, @status, @exitStatus, @reason, @startTime, @endTime, @numPoints, @file, @entry, @motors, @detectors, @md, @sample, @planArgs, @seed)
           ON CONFLICT(uid) DO UPDATE SET scan_number=excluded.scan_number, plan_name=excluded.plan_name, title=excluded.title, status=excluded.status,
             exit_status=excluded.exit_status, reason=excluded.reason, start_time=excluded.start_time, end_time=excluded.end_time, num_points=excluded.num_points,
             file=CASE WHEN excluded.file <> '' THEN excluded.file ELSE scans.file END, entry=CASE WHEN excluded.entry <> '' THEN excluded.entry ELSE scans.entry END,
             motors=excluded.motors, detectors=excluded.detectors, md=excluded.md, sample=excluded.sample, plan_args=excluded.plan_args, seed=excluded.seed`,
        )
        .run({ ...s, motors: JSON.stringify(s.motors), detectors: JSON.stringify(s.detectors), md: JSON.stringify(s.md), sample: sampleOf(s.md), planArgs: JSON.stringify(s.planArgs) });
      this.db.prepare('DELETE FROM scan_devices WHERE uid = ?').run(s.uid);
      const dev = this.db.prepare('INSERT INTO scan_devices (uid, device, role) VALUES (?, ?, ?)');
      for (const m of s.motors) dev.run(s.uid, m, 'motor');
      for (const d of s.detectors) dev.run(s.uid, d, 'detector');
    });
    tx.immediate();
  }

  /** Marks a scan repaired after a kill as failed. */
  markFailed(uid: string, reason: string, numPoints: number, file: string, entry: string): void {
    this.db.prepare("UPDATE scans SET status='finished', exit_status='fail', reason=?, num_points=?, end_time=COALESCE(end_time, ?), file=CASE WHEN file='' THEN ? ELSE file END, entry=CASE WHEN entry='' THEN ? ELSE entry END WHERE uid=?").run(reason, numPoints, Date.now() / 1000, file, entry, uid);
  }

  /** The document subscriber: a row when a scan starts, completed when it stops. */
  /** Told when a scan could not be recorded (the catalog is locked, read-only, or the disk is full). */
  onError: (message: string) => void = () => undefined;

  /**
   * The document subscriber: a row when a scan starts, completed when it stops. A catalog that cannot be written
   * never fails a scan — the data file is what matters, and `rebuild` brings the catalog back in line.
   */
  readonly callback = (d: Doc): void => {
    try {
      this.record(d);
    } catch (err) {
      const n = d.name === 'start' ? d.doc.scan_number : this.current?.scan_number;
      // Only a scan that ended with a file the writer reported is said to be saved (not one that never started).
      const uid = d.name === 'start' ? d.doc.uid : this.current?.uid;
      const saved = d.name === 'stop' && uid !== undefined && !!this.where?.resource_path;
      this.onError(`The catalog could not record scan ${n ?? '?'} (${(err as Error).message})${saved ? '; its data file is saved' : ''}. Run \`daq catalog rebuild\` (or Settings → Rebuild) once ${this.path} is writable again.`);
      if (d.name === 'stop') this.current = this.where = undefined;
    }
  };

  private record(d: Doc): void {
    if (d.name === 'start') {
      const s = d.doc;
      this.current = s;
      this.where = undefined;
      this.upsert({ uid: s.uid, scanNumber: s.scan_number, planName: s.plan_name, title: s.title, status: 'running', exitStatus: null, reason: '', startTime: s.time, endTime: null, numPoints: 0, file: '', entry: '', motors: s.motors, detectors: s.detectors, md: s.md, planArgs: s.plan_args, seed: s.seed });
    } else if (d.name === 'resource' && this.current && d.doc.run_start === this.current.uid) {
      // The writer's resource document says where the scan's data goes.
      this.where = d.doc;
    } else if (d.name === 'stop' && this.current && d.doc.run_start === this.current.uid) {
      const s = this.current;
      const where = this.where;
      const md = { ...s.md };
      if (Object.keys(d.doc.md_end).length) md._end = d.doc.md_end;
      this.upsert({ uid: s.uid, scanNumber: s.scan_number, planName: s.plan_name, title: s.title, status: 'finished', exitStatus: d.doc.exit_status, reason: d.doc.reason, startTime: s.time, endTime: d.doc.time, numPoints: d.doc.num_events, file: where?.resource_path ?? '', entry: where?.entry ?? '', motors: s.motors, detectors: s.detectors, md, planArgs: s.plan_args, seed: s.seed });
      this.current = this.where = undefined;
    }
  }

  private current: Extract<Doc, { name: 'start' }>['doc'] | undefined;
  /** The running scan's resource document (its file and entry), once the writer published it. */
  private where: ResourceDoc | undefined;

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM scans').get() as { n: number }).n;
  }

  /** The highest scan number recorded (0 when the catalog cannot be read now: the scan counter still holds). */
  highestScanNumber(): number {
    try {
      return (this.db.prepare('SELECT max(scan_number) AS n FROM scans').get() as { n: number | null }).n ?? 0;
    } catch {
      return 0;
    }
  }

  /** 0 is the oldest, -1 the newest (by start time). */
  at(index: number): ScanRow {
    // Negative indices walk the index from the newest end, so -1 is one step (no count of every row).
    const r = (Number.isInteger(index)
      ? index < 0
        ? this.db.prepare('SELECT * FROM scans ORDER BY start_time DESC, scan_number DESC LIMIT 1 OFFSET ?').get(-index - 1)
        : this.db.prepare('SELECT * FROM scans ORDER BY start_time, scan_number LIMIT 1 OFFSET ?').get(index)
      : undefined) as RawRow | undefined;
    if (!r) throw new DaqError('NOT_FOUND', `No scan at history index ${index}: the catalog has ${this.count()} scan(s).`);
    return toRow(r);
  }

  byNumber(n: number): ScanRow {
    const r = this.db.prepare('SELECT * FROM scans WHERE scan_number = ? ORDER BY start_time DESC LIMIT 1').get(n) as RawRow | undefined;
    if (!r) throw new DaqError('NOT_FOUND', `No scan number ${n} in the catalog. See \`daq history\` for the scans there are.`);
    return toRow(r);
  }

  /** A uid or a unique prefix of one (at least 4 characters). */
  byUid(prefix: string): ScanRow {
    const p = prefix.toLowerCase();
    if (!/^[0-9a-f-]{4,36}$/.test(p)) throw new DaqError('BAD_ARGUMENTS', `"${prefix}" is not a scan uid or uid prefix (4 or more hex characters).`);
    const rows = this.db.prepare("SELECT * FROM scans WHERE uid >= ? AND uid < ? || 'g' ORDER BY start_time LIMIT 11").all(p, p) as RawRow[];
    if (rows.length === 0) throw new DaqError('NOT_FOUND', `No scan uid starts with "${prefix}".`);
    if (rows.length > 1) {
      throw new DaqError('BAD_ARGUMENTS', `"${prefix}" is ambiguous: it starts ${rows.length > 10 ? 'more than 10' : rows.length} uids (${rows.slice(0, 10).map((r) => `${r.uid} = scan ${r.scan_number}`).join(', ')}). Give more characters.`);
    }
    return toRow(rows[0]!);
  }

  /** -1, -2 … (from the newest), a scan number, or a uid / unique uid prefix. */
  resolve(ref: string): ScanRow {
    const t = ref.trim();
    if (/^-\d+$/.test(t)) return this.at(Number(t));
    if (/^\d+$/.test(t) && t.length < 8) return this.byNumber(Number(t));
    return this.byUid(t);
  }

  search(q: HistoryQuery): HistoryPage {
    const { where: w, args } = historyFilter(q);
    const total = (this.db.prepare(`SELECT count(*) AS n FROM scans ${w}`).get(...args) as { n: number }).n;
    const order = historyOrder(q);
    const rows = this.db.prepare(`SELECT * FROM scans ${w} ORDER BY ${order} LIMIT ? OFFSET ?`).all(...args, q.limit ?? 100, q.offset ?? 0) as RawRow[];
    return { rows: rows.map(toRow), total };
  }

  close(): void {
    this.db.close();
  }
}
