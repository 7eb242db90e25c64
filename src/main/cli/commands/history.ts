// History and exports on the command line (sessions without a writer: they only read): daq history, daq show, daq read, daq export spec|csv,
// daq catalog rebuild. <ref> is -1, -2 …, a scan number, a uid or a unique uid prefix.
import { resolve } from 'node:path';
import { DaqError } from '../../../shared/errors.ts';
import type { HistoryQuery, ScanRow } from '../../../shared/history.ts';
import { UsageError, withSession, type Command } from '../command.ts';

function duration(r: ScanRow): string {
  return r.endTime ? `${(r.endTime - r.startTime).toFixed(1)} s` : '—';
}

function table(rows: ScanRow[]): string {
  const head = ['#', 'status', 'plan', 'motors', 'points', 'start', 'duration', 'sample', 'uid'];
  const body = rows.map((r) => [String(r.scanNumber), r.exitStatus ?? r.status, r.planName, r.motors.join(',') || '—', String(r.numPoints ?? ''), new Date(r.startTime * 1000).toLocaleString(), duration(r), r.sample || '—', r.uid.slice(0, 8)]);
  const w = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  return [head, ...body].map((line) => line.map((c, i) => c.padEnd(w[i]!)).join('  ')).join('\n');
}

export const history: Command = {
  name: 'history',
  usage: 'daq history [--since ISO] [--until ISO] [--plan NAME] [--motor M] [--detector D] [--status S] [--sample NAME] [--text T] [--limit N] [--json]',
  summary: 'List past scans, newest first (since inclusive, until exclusive).',
  options: {
    since: { type: 'string' },
    until: { type: 'string' },
    plan: { type: 'string' },
    motor: { type: 'string' },
    detector: { type: 'string' },
    status: { type: 'string' },
    sample: { type: 'string' },
    text: { type: 'string' },
    limit: { type: 'string', default: '20' },
  },
  async run(ctx) {
    const v = ctx.values;
    const limit = Number(v.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) throw new UsageError(`--limit must be 1–10000, got "${String(v.limit)}"`);
    const q: Record<string, unknown> = { limit, sort: 'startTime', order: 'desc' };
    for (const k of ['since', 'until', 'plan', 'motor', 'detector', 'status', 'sample', 'text']) if (typeof v[k] === 'string') q[k] = v[k];
    return withSession(ctx, { save: false }, async (s) => {
      const page = await s.api.searchHistory(q as HistoryQuery);
      if (ctx.json) ctx.out(JSON.stringify(page));
      else ctx.out(page.rows.length ? `${table(page.rows)}\n${page.rows.length} of ${page.total} scan(s)` : 'No scan matches.');
      return 0;
    });
  },
};

export const show: Command = {
  name: 'show',
  usage: 'daq show <ref> [--json]',
  summary: 'One scan: its catalog row, metadata and baseline.',
  async run(ctx) {
    const [ref] = ctx.positionals;
    if (!ref) throw new UsageError('give a scan: -1, a scan number, a uid or a uid prefix');
    return withSession(ctx, { save: false }, async (s) => {
      const row = await s.api.getScan(ref);
      const { readBaseline } = await import('../../catalog/stored-scan.ts');
      const baseline = row.file ? await readBaseline(row).catch(() => undefined) : undefined;
      if (ctx.json) ctx.out(JSON.stringify({ ...row, baseline }));
      else {
        ctx.out(
          [
            `scan ${row.scanNumber}  ${row.title}`,
            `uid        ${row.uid}`,
            `status     ${row.exitStatus ?? row.status}${row.reason ? ` (${row.reason})` : ''}`,
            `start      ${new Date(row.startTime * 1000).toLocaleString()}   duration ${duration(row)}   points ${row.numPoints ?? ''}`,
            `motors     ${row.motors.join(', ') || '—'}`,
            `detectors  ${row.detectors.join(', ')}`,
            `file       ${row.file ? `${row.file}::/${row.entry}` : 'not saved'}`,
            `metadata   ${JSON.stringify(row.md)}`,
            ...(baseline ? [`baseline   ${Object.entries(baseline.start).map(([k, v2]) => `${k}=${Number(v2.toPrecision(6))}`).join(' ')}`] : []),
          ].join('\n'),
        );
      }
      return 0;
    });
  },
};

export const read: Command = {
  name: 'read',
  usage: 'daq read <ref> <device> [<signal>] --json',
  summary: 'A channel of a stored scan as {"timestamp":[...],"value":[...]}.',
  async run(ctx) {
    const [ref, device, signal] = ctx.positionals;
    if (!ref || !device) throw new UsageError('give a scan and a device, e.g. daq read -1 det');
    return withSession(ctx, { save: false }, async (s) => {
      const row = await s.api.getScan(ref);
      const { readSignal } = await import('../../catalog/stored-scan.ts');
      const data = await readSignal(row, device, signal ?? device);
      ctx.out(JSON.stringify(data));
      return 0;
    });
  },
};

/** The backend's "exists" sentence names no control; on the command line, say which flag does what. */
function existsHint(err: unknown, format: 'spec' | 'csv', file: string): never {
  if (err instanceof DaqError && err.code === 'EXISTS') {
    throw new DaqError('EXISTS', `${file} exists. Add ${format === 'spec' ? '--append to add the scans to it, ' : ''}--force to replace it, or give another -o FILE.`);
  }
  throw err;
}

export const exportCmd: Command = {
  name: 'export',
  usage: 'daq export spec <ref...> -o FILE [--append | --force] | daq export csv <ref> -o FILE [--force] [--json]',
  summary: 'Write scans to a SPEC file (one SPEC scan per run) or one scan to CSV; --force replaces an existing file.',
  options: { output: { type: 'string', short: 'o' }, append: { type: 'boolean', default: false }, force: { type: 'boolean', default: false } },
  async run(ctx) {
    const [format, ...refs] = ctx.positionals;
    if (format !== 'spec' && format !== 'csv') throw new UsageError('export spec or export csv');
    if (refs.length === 0) throw new UsageError('give one or more scans (-1, a number, a uid prefix)');
    if (typeof ctx.values.output !== 'string') throw new UsageError('give the output file with -o FILE');
    const append = ctx.values.append === true;
    const force = ctx.values.force === true;
    if (append && force) throw new UsageError('--append adds to the file and --force replaces it: give one of them');
    if (format === 'csv' && append) throw new UsageError('a CSV file holds one scan: --append is for SPEC (use --force to replace the file)');
    const file = resolve(ctx.values.output);
    return withSession(ctx, { save: false }, async (s) => {
      if (format === 'spec') {
        const r = await s.api.exportSpec(refs, file, append, force).catch((err: unknown) => existsHint(err, 'spec', file));
        ctx.out(ctx.json ? JSON.stringify(r) : `${r.scans.length} scan(s) written to ${r.file} as #S ${r.scans.map((x) => x.specNumber).join(', ')}`);
      } else {
        if (refs.length > 1) throw new UsageError('export csv takes one scan');
        const r = await s.api.exportCsv(refs[0]!, file, force).catch((err: unknown) => existsHint(err, 'csv', file));
        ctx.out(ctx.json ? JSON.stringify(r) : `${r.rows} row(s) written to ${r.file}`);
      }
      return 0;
    });
  },
};

export const catalogCmd: Command = {
  name: 'catalog',
  usage: 'daq catalog rebuild [--json]',
  summary: 'Re-index every HDF5 file under the base path (files are the source of truth).',
  async run(ctx) {
    if (ctx.positionals[0] !== 'rebuild') throw new UsageError('the only catalog action is rebuild');
    return withSession(ctx, { save: false }, async (s) => {
      const r = await s.api.rebuildCatalog();
      if (ctx.json) ctx.out(JSON.stringify(r));
      else {
        ctx.out(`${r.scans} scan(s) in ${r.files} file(s), ${r.seconds.toFixed(2)} s`);
        for (const m of r.missing) ctx.out(`missing: scan ${m.scanNumber} (${m.uid}) — its file ${m.file || '(none)'} is gone or moved`);
        for (const u of r.unreadable) ctx.out(`unreadable: ${u.file}: ${u.problem}`);
      }
      return 0;
    });
  },
};
