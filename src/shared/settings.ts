// The persisted settings (shared: the UI validates forms with it, the backend stores with it). The schemas
// carry no defaults, so a partial update never resets what it does not mention; DEFAULT_SETTINGS fills gaps.
import { z } from 'zod';
import { CompressionLib } from './compression.ts';
import { MAX_SETTINGS_BYTES, userRecord } from './user-data.ts';

/** The base name of continuous-saving files (<base name>_NNN.h5): the one rule, for forms and the backend. */
export const BaseName = z.string().min(1).max(64).regex(/^[A-Za-z0-9_.-]+$/, 'a base name holds letters, digits, _ . -').refine((s) => !s.startsWith('.'), 'a base name must not start with "."');

/** Why `name` is not a valid base name (a sentence for the form), or undefined. */
export function baseNameProblem(name: string): string | undefined {
  const r = BaseName.safeParse(name);
  return r.success ? undefined : r.error.issues[0]?.message;
}

const Continuous = z.object({
  baseName: BaseName,
  compression: CompressionLib,
  level: z.number().int().min(0).max(9),
});

const Scan = z.object({
  /** Compression of the growing datasets of scan files. */
  compression: CompressionLib,
  level: z.number().int().min(0).max(9),
  /** Store a PNG of the scan plot in the dataset file when a scan ends. */
  screenshotOnEnd: z.boolean(),
  /** The last scan set-up of the Scan panel (validated by the scan form when it is used). */
  lastSetup: userRecord(MAX_SETTINGS_BYTES),
});

const Ui = z.object({
  theme: z.enum(['light', 'dark']),
  panel: z.string().max(32),
  /** Free layout state of panels (splitter sizes, visible columns), by panel. */
  layout: userRecord(MAX_SETTINGS_BYTES),
});

/** Lexical normalization of a POSIX path: "." and ".." segments and repeated slashes resolved. */
function normalizePosix(p: string): string {
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return '/' + out.join('/');
}

/** Kernel pseudo-filesystems: writing data there is never meant, and a recursive mkdir there never ends. */
const PSEUDO_ROOTS = ['/proc', '/sys', '/dev'];

/**
 * Why a base path cannot be used, judged from its text alone (the backend also checks the real folder and that it
 * is writable), or undefined. Empty means "the default base path".
 */
export function basePathRuleProblem(p: string): string | undefined {
  if (p === '') return undefined;
  if (p.includes('\u0000')) return 'a base path cannot hold NUL characters';
  if (/^\\\\[.?]\\/.test(p)) return 'a base path cannot be a Windows device path (\\\\.\\ or \\\\?\\)';
  const windows = /^[A-Za-z]:[\\/]/.test(p) || /^\\\\[^\\]+\\[^\\]+/.test(p);
  if (!windows && !p.startsWith('/')) return `give the base path as an absolute folder path (got "${p.slice(0, 200)}")`;
  if (!windows) {
    const n = normalizePosix(p);
    const root = PSEUDO_ROOTS.find((r) => n === r || n.startsWith(`${r}/`));
    if (root) return `a base path cannot be under ${root} (a system folder, not storage); choose a folder on a disk`;
  }
  return undefined;
}

/** A base path as the Api and forms accept it (see basePathRuleProblem). */
export const BasePath = z
  .string()
  .max(4096)
  .superRefine((p, ctx) => {
    const problem = basePathRuleProblem(p);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const SettingsSchema = z.object({
  /** Where data files go; empty = the default base path. */
  basePath: z.string().max(4096),
  continuous: Continuous,
  scan: Scan,
  ui: Ui,
});

export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  basePath: '',
  continuous: { baseName: 'Data', compression: 'none', level: 4 },
  scan: { compression: 'none', level: 4, screenshotOnEnd: true, lastSetup: {} },
  ui: { theme: 'light', panel: 'viewer', layout: {} },
};

/** A partial update: sections are merged one level deep (and ui.layout one level deeper). */
export const SettingsPatch = z
  .object({
    basePath: BasePath,
    continuous: Continuous.partial().strict(),
    scan: Scan.partial().strict(),
    ui: Ui.partial().strict(),
  })
  .partial()
  .strict();
export type SettingsPatch = z.infer<typeof SettingsPatch>;

/** The section schemas, for methods that change one section. */
export const SettingsPatchShape = { continuous: Continuous, scan: Scan, ui: Ui };

/** Where the effective base path comes from: --base-path, DAQ_BASE_PATH, the Settings panel, or the default. */
export type BasePathSource = 'flag' | 'environment' | 'settings' | 'default';

/** The settings in effect: what is saved, and the base path data goes to now with where it comes from. */
export interface EffectiveSettings {
  settings: Settings;
  basePath: string;
  basePathSource: BasePathSource;
}

/** The saving options that belong together (Viewer → Saving, Settings): one call sets any of them. */
export const SavingPatch = z
  .object({ basePath: BasePath, baseName: BaseName, compression: CompressionLib, level: z.number().int().min(0).max(9) })
  .partial()
  .strict();
export type SavingPatch = z.infer<typeof SavingPatch>;

/** Applies a validated patch to settings. */
export function mergeSettings(base: Settings, p: SettingsPatch): Settings {
  return {
    basePath: p.basePath ?? base.basePath,
    continuous: { ...base.continuous, ...p.continuous },
    scan: { ...base.scan, ...p.scan },
    ui: { ...base.ui, ...p.ui, layout: { ...base.ui.layout, ...p.ui?.layout } },
  };
}
