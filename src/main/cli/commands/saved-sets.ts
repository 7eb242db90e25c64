// `daq positions …` and `daq presets …`: the Viewer's saved motor positions and detector presets on the command
// line. They call the same Api methods as the Viewer, so a set saved here is listed there and the other way round
// (both live in the data folder: positions-saved.json, detector-presets.json). The session's Api is called
// in-process, without the IPC/WebSocket dispatcher that validates arguments, so names are checked here with the
// same schema (SetName) the dispatcher uses.
import { DaqError } from '../../../shared/errors.ts';
import { DetectorSettingsPatch, SetName, type DetectorPreset, type DetectorSettings, type SavedPositionSet } from '../../../shared/saved-sets.ts';
import type { Session } from '../../session.ts';
import { UsageError, type CliContext, type Command } from '../command.ts';

/** A set's name as the Viewer would accept it (trimmed), or a usage error that says what a name may hold. */
export function setName(text: string | undefined, example: string): string {
  if (text === undefined) throw new UsageError(`give a name for the set, e.g. ${example}`);
  const r = SetName.safeParse(text);
  if (!r.success) {
    const why = r.error.issues[0]?.message ?? 'not a valid name';
    const got = why.includes(JSON.stringify(text)) ? '' : ` (got ${JSON.stringify(text)})`;
    throw new UsageError(`${why}${got}${/choose/i.test(why) ? '' : `; choose another name, e.g. ${example}`}`);
  }
  return r.data;
}

function detectorName(text: string | undefined): string {
  if (text === undefined || text.trim() === '') throw new UsageError('give a detector, e.g. det (`daq devices` lists them)');
  return text;
}

/** `delete` as the Api and the Viewer call it; `remove` as `daq metadata` does. */
const isDelete = (action: string | undefined) => action === 'delete' || action === 'remove';

function tooManyArgs(ctx: CliContext, count: number): void {
  const extra = ctx.positionals.slice(count);
  if (extra.length) throw new UsageError(`unexpected ${JSON.stringify(extra.join(' '))}; a name with spaces goes in quotes, e.g. "sample out"`);
}

/** Six significant digits, without trailing zeros (0.235455, 2000, 1e-9). */
const fmtNumber = (v: number) => (Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6))));
const fmtValues = (values: Record<string, number>) =>
  Object.entries(values)
    .map(([k, v]) => `${k}=${fmtNumber(v)}`)
    .join(' ');

function positionsTable(sets: SavedPositionSet[]): string {
  if (!sets.length) return 'No saved positions. Save the motors\' positions with `daq positions save NAME`.';
  const width = Math.max(4, ...sets.map((s) => s.name.length));
  return [`${'name'.padEnd(width)}  saved                     positions`, ...sets.map((s) => `${s.name.padEnd(width)}  ${s.savedAt.padEnd(24)}  ${fmtValues(s.positions)}`)].join('\n');
}

export const positions: Command = {
  name: 'positions',
  usage: 'daq positions list | save <name> | goto <name> | delete <name> [--json]',
  summary: 'Saved motor positions, shared with the Viewer: list, save, go to, delete.',
  async run(ctx) {
    const [action, rawName] = ctx.positionals;
    if (action !== undefined && action !== 'list' && action !== 'save' && action !== 'goto' && !isDelete(action)) {
      throw new UsageError(`unknown action "${action}": list, save, goto or delete`);
    }
    const name = action === undefined || action === 'list' ? undefined : setName(rawName, '"aligned" or "sample out"');
    tooManyArgs(ctx, action === undefined ? 0 : action === 'list' ? 1 : 2);
    const s = await ctx.session();
    try {
      if (name === undefined) {
        const sets = await s.api.listSavedPositions();
        ctx.out(ctx.json ? JSON.stringify(sets) : positionsTable(sets));
        return 0;
      }
      if (action === 'save') {
        const set = await s.api.savePositions(name);
        ctx.out(ctx.json ? JSON.stringify(set) : `saved "${set.name}": ${fmtValues(set.positions)}`);
        return 0;
      }
      if (action === 'goto') {
        // Resolves once every motor has arrived; the positions persist for the next command (as `daq move`).
        const r = await s.api.gotoSavedPositions(name);
        if (r.missing.length) ctx.err(`daq positions: warning: "${r.name}" holds motors this instrument does not have, left out: ${r.missing.join(', ')}`);
        if (ctx.json) ctx.out(JSON.stringify(r));
        else ctx.out([`at "${r.name}":`, ...r.moved.map((m) => `  ${m.name.padEnd(12)} ${m.position.toFixed(4)}`)].join('\n'));
        return 0;
      }
      const left = await s.api.deleteSavedPositions(name);
      ctx.out(ctx.json ? JSON.stringify({ deleted: name, sets: left }) : `deleted "${name}" (${left.length} saved set(s) left)`);
      return 0;
    } finally {
      await s.close();
    }
  },
};

/** `--set KEY=VALUE` (repeatable) → a settings patch; numbers only, as the simulator's tunable settings are. */
function parseSettings(raw: unknown): Record<string, number> {
  const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  const patch = Object.create(null) as Record<string, number>;
  for (const item of list) {
    const text = String(item);
    const eq = text.indexOf('=');
    const key = text.slice(0, eq).trim();
    const value = Number(text.slice(eq + 1));
    if (eq < 1 || key === '' || text.slice(eq + 1).trim() === '' || !Number.isFinite(value)) {
      throw new UsageError(`--set takes KEY=NUMBER, e.g. --set noise=0.01, got "${text}"`);
    }
    patch[key] = value;
  }
  const r = DetectorSettingsPatch.safeParse(patch);
  if (!r.success) throw new UsageError(`--set: ${r.error.issues[0]?.message ?? 'not a valid setting'}`);
  return patch;
}

/**
 * Runs a call on one detector's preset; a missing preset is named as the user knows it ("low noise" of det, with
 * that detector's presets), not by the file's key ("det:low noise").
 */
export async function onPreset<T>(s: Session, detector: string, name: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (!(err instanceof DaqError) || err.code !== 'NOT_FOUND') throw err;
    const names = (await s.api.listDetectorPresets(detector)).map((p) => JSON.stringify(p.name));
    throw new DaqError('NOT_FOUND', `${detector} has no preset named ${JSON.stringify(name)}. Its presets: ${names.join(', ') || `none yet (save one with \`daq presets save ${detector} NAME\`)`}.`);
  }
}

/** `daq scan --preset DET:NAME` (repeatable) → [detector, preset name] pairs. */
export function parsePresetRefs(raw: unknown): [string, string][] {
  const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  return list.map((item) => {
    const text = String(item);
    const colon = text.indexOf(':');
    if (colon < 1) throw new UsageError(`--preset takes DETECTOR:NAME, e.g. --preset "det:low noise", got "${text}"`);
    return [text.slice(0, colon), setName(text.slice(colon + 1), '"det:low noise"')];
  });
}

function presetsTable(detector: string, list: DetectorPreset[]): string {
  if (!list.length) return `No presets for ${detector}. Save one with \`daq presets save ${detector} NAME\`.`;
  const width = Math.max(4, ...list.map((p) => p.name.length));
  return [`${'name'.padEnd(width)}  saved                     exposure  settings`, ...list.map((p) => `${p.name.padEnd(width)}  ${p.savedAt.padEnd(24)}  ${`${fmtNumber(p.exposure)} s`.padEnd(8)}  ${fmtValues(p.settings)}`)].join('\n');
}

const fmtSettings = (d: DetectorSettings) => `exposure ${fmtNumber(d.exposure)} s${Object.keys(d.tunable).length ? ', ' : ''}${fmtValues(Object.fromEntries(Object.keys(d.tunable).map((k) => [k, Number(d.settings[k])])))}`;

export const presets: Command = {
  name: 'presets',
  usage: 'daq presets list <detector> | save <detector> <name> [--exp-time S] [--set KEY=VALUE …] | apply <detector> <name> | delete <detector> <name> [--json]',
  summary: 'Detector presets (exposure and settings), shared with the Viewer.',
  options: { 'exp-time': { type: 'string' }, set: { type: 'string', multiple: true } },
  async run(ctx) {
    const [action, rawDetector, rawName] = ctx.positionals;
    if (action !== 'list' && action !== 'save' && action !== 'apply' && !isDelete(action)) {
      throw new UsageError(action === undefined ? 'give an action: list, save, apply or delete' : `unknown action "${action}": list, save, apply or delete`);
    }
    const detector = detectorName(rawDetector);
    const name = action === 'list' ? undefined : setName(rawName, '"low noise"');
    tooManyArgs(ctx, action === 'list' ? 2 : 3);
    const patch = parseSettings(ctx.values.set);
    let exposure: number | undefined;
    if (ctx.values['exp-time'] !== undefined) {
      const text = String(ctx.values['exp-time']);
      exposure = Number(text);
      if (text.trim() === '' || !(exposure >= 0 && exposure <= 3600)) throw new UsageError(`--exp-time is seconds from 0 to 3600, got "${text}"`);
    }
    if (action !== 'save' && (exposure !== undefined || Object.keys(patch).length)) throw new UsageError('--exp-time and --set go with `save` (they set what the preset holds)');
    const s = await ctx.session();
    try {
      if (name === undefined) {
        const list = await s.api.listDetectorPresets(detector);
        ctx.out(ctx.json ? JSON.stringify(list) : presetsTable(detector, list));
        return 0;
      }
      if (action === 'save') {
        // This process starts from the config's settings (a running app's changes stay in that app): the options
        // say what differs, through the same Api calls the settings panel makes, then the preset is saved.
        s.instrument.detector(detector);
        if (exposure !== undefined) await s.api.viewerSetExposure(detector, exposure);
        if (Object.keys(patch).length) await s.api.setDetectorSettings(detector, patch);
        const p = await s.api.saveDetectorPreset(detector, name);
        ctx.out(ctx.json ? JSON.stringify(p) : `saved ${detector} preset "${p.name}": exposure ${fmtNumber(p.exposure)} s ${fmtValues(p.settings)}`.trimEnd());
        return 0;
      }
      if (action === 'apply') {
        const d = await onPreset(s, detector, name, () => s.api.applyDetectorPreset(detector, name));
        if (ctx.json) ctx.out(JSON.stringify(d));
        else ctx.out(`${detector} preset "${name}" fits: ${fmtSettings(d)}\nSettings last only as long as a process: use it with \`daq grab ${detector} --preset ${JSON.stringify(name)}\` or \`daq scan … --preset ${JSON.stringify(`${detector}:${name}`)}\`, or Load it in the Viewer.`);
        return 0;
      }
      const left = await onPreset(s, detector, name, () => s.api.deleteDetectorPreset(detector, name));
      ctx.out(ctx.json ? JSON.stringify({ deleted: name, detector, presets: left }) : `deleted ${detector} preset "${name}" (${left.length} left)`);
      return 0;
    } finally {
      await s.close();
    }
  },
};
