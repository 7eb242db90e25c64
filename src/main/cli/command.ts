// What a `daq` sub-command is, and the options every command takes.
import type { ParseArgsConfig } from 'node:util';
import type { Session, SessionOptions } from '../session.ts';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export const GLOBAL_OPTIONS: OptionSpec = {
  json: { type: 'boolean', default: false },
  'data-dir': { type: 'string' },
  'base-path': { type: 'string' },
  instrument: { type: 'string' },
  seed: { type: 'string' },
  'instant-moves': { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
};

export type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;

export interface CliContext {
  values: Values;
  positionals: string[];
  json: boolean;
  out: (text: string) => void;
  err: (text: string) => void;
  /** Opens a session from the global options (data dir, base path, instrument, seed). */
  session: (extra?: SessionOptions) => Promise<Session>;
}

export interface Command {
  name: string;
  usage: string;
  summary: string;
  options?: OptionSpec;
  run(ctx: CliContext): Promise<number>;
}

/** Runs `fn` with a session from the command's options and always closes it. */
export async function withSession<T>(ctx: CliContext, extra: SessionOptions, fn: (s: Session) => Promise<T>): Promise<T> {
  const s = await ctx.session(extra);
  try {
    return await fn(s);
  } finally {
    await s.close();
  }
}

/** A usage error: exit code 2 and the command's usage line. */
export class UsageError extends Error {}

export function sessionOptions(values: Values): SessionOptions {
  const opts: SessionOptions = {};
  if (typeof values['data-dir'] === 'string') opts.dataDir = values['data-dir'];
  if (typeof values['base-path'] === 'string') opts.basePath = values['base-path'];
  if (typeof values.instrument === 'string') opts.instrumentFile = values.instrument;
  if (values['instant-moves'] === true) opts.instantMoves = true;
  if (typeof values.seed === 'string') {
    const seed = Number(values.seed);
    if (!Number.isSafeInteger(seed) || seed < 0) throw new UsageError(`--seed must be a whole number ≥ 0, got "${values.seed}"`);
    opts.seed = seed;
  }
  return opts;
}

/**
 * Opens a session. The session module (h5wasm loader, SQLite, the instrument, the writer) is imported only here,
 * so commands that need none of it (version, help, usage errors) start without loading it.
 */
export async function openSession(opts: SessionOptions): Promise<Session> {
  return (await import('../session.ts')).openSession(opts);
}
