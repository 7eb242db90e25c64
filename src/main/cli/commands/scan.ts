// `daq scan <type> ...`: runs a scan in this process, prints a live table (or, with --json, the ScanReport as
// one JSON object). Ctrl-C aborts cleanly: the scan ends with exit_status abort and its files are closed.
import { readFileSync } from 'node:fs';
import type { ScanRequest } from '../../../shared/scans.ts';
import { UsageError, type CliContext, type Command } from '../command.ts';
import { LiveTable } from '../live-table.ts';
import { parseCompression } from './grab.ts';
import { onPreset, parsePresetRefs } from './saved-sets.ts';
import { prestartWriterThread } from '../../storage/writer-thread.ts';

function num(text: string | undefined, what: string): number {
  const n = Number(text);
  if (text === undefined || text.trim() === '' || !Number.isFinite(n)) throw new UsageError(`${what} must be a finite number, got "${text ?? ''}"`);
  return n;
}

function int(text: string | undefined, what: string): number {
  const n = num(text, what);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${what} must be a whole number ≥ 1, got "${text}"`);
  return n;
}

/** "1,2,3" → [1,2,3]; for several motors rows are separated by ";": "0,0;1,1". */
export function parsePositions(text: string, motors: number): number[][] {
  const rows = motors === 1 ? text.split(/[,\s]+/).filter(Boolean).map((v) => [v]) : text.split(';').map((r) => r.split(/[,\s]+/).filter(Boolean));
  return rows.map((r, i) => {
    if (r.length !== motors) throw new UsageError(`position ${i + 1} has ${r.length} value(s) for ${motors} motor(s)`);
    return r.map((v) => num(v, `position ${i + 1}`));
  });
}

/** A table file: one point per line, one column per motor, separated by spaces, tabs or commas; # comments. */
export function parseTable(text: string, motors: number): number[][] {
  const lines = text.split(/\r?\n/).map((l) => l.replace(/#.*/, '').trim()).filter(Boolean);
  return parsePositions(lines.map((l) => l.split(/[,\s]+/).join(',')).join(';'), motors).map((r) => r);
}

export function requestFrom(ctx: CliContext): ScanRequest {
  const [type, ...args] = ctx.positionals;
  const v = ctx.values;
  const common: Record<string, unknown> = {};
  if (v['exp-time'] !== undefined) common.expTime = num(String(v['exp-time']), '--exp-time');
  if (typeof v.detectors === 'string') common.detectors = v.detectors.split(',').map((s) => s.trim()).filter(Boolean);
  if (typeof v.md === 'string') {
    try {
      common.md = JSON.parse(v.md);
    } catch (err) {
      throw new UsageError(`--md must be a JSON object: ${(err as Error).message}`);
    }
    if (!common.md || typeof common.md !== 'object' || Array.isArray(common.md)) throw new UsageError('--md must be a JSON object, e.g. \'{"sample": {"name": "Si"}}\'');
  }
  if (typeof v.seed === 'string') common.seed = num(v.seed, '--seed');
  const relative = v.relative === true;
  const steps = v.steps ?? v.points;
  switch (type) {
    case 'count':
      return { type: 'count', points: int(args[0] ?? (steps as string | undefined) ?? '1', 'the number of points'), ...common } as ScanRequest;
    case 'timescan':
      return { type: 'timescan', ...(steps !== undefined ? { points: int(String(steps), '--points') } : {}), ...common } as ScanRequest;
    case 'line': {
      if (args.length !== 3) throw new UsageError('line needs <motor> <start> <stop> and --steps N');
      if (steps === undefined) throw new UsageError('line needs --steps N (the number of points, start and stop included)');
      return { type: 'line', motor: args[0]!, start: num(args[1], 'start'), stop: num(args[2], 'stop'), points: int(String(steps), '--steps'), relative, ...common } as ScanRequest;
    }
    case 'multi': {
      if (args.length === 0 || args.length % 3 !== 0) throw new UsageError('multi needs <motor> <start> <stop> for each motor, and --steps N');
      if (steps === undefined) throw new UsageError('multi needs --steps N');
      const axes = [];
      for (let i = 0; i < args.length; i += 3) axes.push({ motor: args[i]!, start: num(args[i + 1], 'start'), stop: num(args[i + 2], 'stop') });
      return { type: 'multi', axes, points: int(String(steps), '--steps'), relative, ...common } as ScanRequest;
    }
    case 'grid': {
      if (args.length < 8 || args.length % 4 !== 0) throw new UsageError('grid needs <motor> <start> <stop> <points> for each of at least two motors');
      const axes = [];
      for (let i = 0; i < args.length; i += 4) axes.push({ motor: args[i]!, start: num(args[i + 1], 'start'), stop: num(args[i + 2], 'stop'), points: int(args[i + 3], 'points') });
      return { type: 'grid', axes, snake: v.snake === true, relative, ...common } as ScanRequest;
    }
    case 'list': {
      const motors = (args[0] ?? '').split(',').filter(Boolean);
      if (motors.length === 0) throw new UsageError('list needs <motor>[,<motor>...] and the positions (or --file TABLE)');
      let positions: number[][];
      if (typeof v.file === 'string') {
        let text: string;
        try {
          text = readFileSync(v.file, 'utf8');
        } catch (err) {
          throw new UsageError(`cannot read --file ${v.file}: ${(err as Error).message}`);
        }
        positions = parseTable(text, motors.length);
      } else {
        if (!args[1]) throw new UsageError('list needs positions: "p1,p2,..." (one motor) or "a1,b1;a2,b2" (several), or --file TABLE');
        positions = parsePositions(args[1], motors.length);
      }
      return { type: 'list', motors, positions, relative, ...common } as ScanRequest;
    }
    default:
      throw new UsageError(`unknown scan type "${type ?? ''}": count, timescan, line, multi, grid or list`);
  }
}

export const scan: Command = {
  name: 'scan',
  usage: 'daq scan count|timescan|line|multi|grid|list ... [--steps N] [--exp-time S] [--relative] [--snake] [--detectors a,b] [--md JSON] [--compression LIB[:LEVEL]] [--preset DET:NAME] [--json]',
  summary: 'Run a scan and print a live table, or its report with --json.',
  options: {
    steps: { type: 'string' },
    points: { type: 'string' },
    'exp-time': { type: 'string' },
    relative: { type: 'boolean', default: false },
    snake: { type: 'boolean', default: false },
    detectors: { type: 'string' },
    md: { type: 'string' },
    file: { type: 'string' },
    compression: { type: 'string' },
    preset: { type: 'string', multiple: true },
  },
  async run(ctx) {
    const request = requestFrom(ctx);
    const presetRefs = parsePresetRefs(ctx.values.preset);
    const compression = typeof ctx.values.compression === 'string' ? parseCompression(ctx.values.compression) : undefined;
    // The writer thread loads h5wasm while this thread loads and opens the session (the first point waits for it).
    prestartWriterThread();
    const session = await ctx.session(compression ? { compression: { kind: compression.compression, level: compression.level } } : {});
    let interrupted = 0;
    const onSigint = () => {
      interrupted += 1;
      if (interrupted > 1) process.exit(130); // a second Ctrl-C: leave now
      ctx.err('\nAborting the scan (Ctrl-C again to quit at once) …');
      try {
        session.engine.abort('interrupted (Ctrl-C)');
      } catch {
        // already ended
      }
    };
    process.on('SIGINT', onSigint);
    process.on('SIGTERM', onSigint);
    try {
      // Detector presets (settings saved in the Viewer or with `daq presets save`) before the scan, whose file
      // records the settings it starts with.
      for (const [detector, name] of presetRefs) await onPreset(session, detector, name, () => session.api.applyDetectorPreset(detector, name));
      let unsubscribe: () => void = () => undefined;
      if (!ctx.json) {
        const table = new LiveTable((s) => process.stdout.write(s), process.stdout.isTTY === true, () => session.engine.scanState());
        unsubscribe = session.engine.subscribe(table.callback);
      }
      const report = await session.scan(request);
      unsubscribe();
      if (ctx.json) {
        const { status, uid, scanNumber, planName, numPoints, startTime, endTime, elapsed, file, entry, reason } = report;
        ctx.out(JSON.stringify({ status, uid, scanNumber, planName, numPoints, startTime, endTime, elapsed, file, entry, reason }));
      } else {
        ctx.out(`${report.planName} scan ${report.scanNumber} ${report.status}: ${report.numPoints} point(s) in ${report.elapsed.toFixed(2)} s${report.file ? `, ${report.file}::/${report.entry}` : ''}`);
      }
      return report.status === 'success' ? 0 : report.status === 'abort' ? 130 : 1;
    } finally {
      process.off('SIGINT', onSigint);
      process.off('SIGTERM', onSigint);
      await session.close();
    }
  },
};
