// The `daq` command line: parses the global options, picks the sub-command, and maps errors to exit codes
// (0 done, 1 failed, 2 usage) with a sentence that says what to do.
import { parseArgs } from 'node:util';
import { DaqError } from '../../shared/errors.ts';
import { GLOBAL_OPTIONS, openSession, sessionOptions, UsageError, type Command } from './command.ts';
import { devices, move, version } from './commands/basic.ts';
import { grab } from './commands/grab.ts';
import { catalogCmd, exportCmd, history, read, show } from './commands/history.ts';
import { metadata } from './commands/metadata.ts';
import { positions, presets } from './commands/saved-sets.ts';
import { scan } from './commands/scan.ts';
import { browse, serve } from './commands/serve.ts';

export const COMMANDS: Command[] = [serve, browse, scan, grab, history, show, read, exportCmd, catalogCmd, devices, move, positions, presets, metadata, version];

function help(): string {
  return [
    'daq — DAQ Studio on the command line',
    '',
    ...COMMANDS.map((c) => `  ${c.usage.padEnd(60)} ${c.summary}`),
    '',
    'Every command takes --json, --data-dir DIR (env DAQ_DATA_DIR), --base-path DIR (env DAQ_BASE_PATH),',
    '--instrument FILE and --seed N. See docs/cli.md.',
  ].join('\n');
}

export async function main(argv: string[], io = { out: (t: string) => console.log(t), err: (t: string) => console.error(t) }): Promise<number> {
  const name = argv[0];
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(help());
    return name ? 0 : 2;
  }
  const cmd = COMMANDS.find((c) => c.name === name);
  if (!cmd) {
    io.err(`daq: unknown command "${name}". Commands: ${COMMANDS.map((c) => c.name).join(', ')}. Try \`daq --help\`.`);
    return 2;
  }
  try {
    // Negative numbers ("-1", "-0.5") are values, not options: protect them from the option parser.
    const NEG = '\u0001';
    const isNegativeNumber = (a: string) => /^-(\d|\.\d)/.test(a) && Number.isFinite(Number(a));
    const parsed = parseArgs({
      args: argv.slice(1).map((a) => (isNegativeNumber(a) ? NEG + a : a)),
      options: { ...GLOBAL_OPTIONS, ...cmd.options },
      allowPositionals: true,
      allowNegative: true,
      strict: true,
    });
    const unprotect = (v: unknown): unknown => (typeof v === 'string' && v.startsWith(NEG) ? v.slice(1) : Array.isArray(v) ? v.map(unprotect) : v);
    const positionals = parsed.positionals.map((p) => unprotect(p) as string);
    const values = Object.fromEntries(Object.entries(parsed.values).map(([k, v]) => [k, unprotect(v)])) as typeof parsed.values;
    if (values.help) {
      io.out(`${cmd.usage}\n  ${cmd.summary}`);
      return 0;
    }
    const base = sessionOptions(values);
    return await cmd.run({
      values,
      positionals,
      json: values.json === true,
      out: io.out,
      err: io.err,
      session: async (extra) => {
        const s = await openSession({ ...base, ...extra });
        for (const w of s.startupWarnings) io.err(`daq: warning: ${w}`);
        return s;
      },
    });
  } catch (err) {
    if (err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`daq ${name}: ${(err as Error).message}\nusage: ${cmd.usage}`);
      return 2;
    }
    if (err instanceof DaqError) {
      io.err(`daq ${name}: ${err.message}`);
      return 1;
    }
    io.err(`daq ${name}: unexpected error: ${(err as Error).stack ?? String(err)}`);
    return 1;
  }
}
