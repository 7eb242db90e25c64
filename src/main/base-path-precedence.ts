// Where data files go now, and why: --base-path, then DAQ_BASE_PATH, then the Settings panel's base path, then
// ~/daq-data. The flag and the variable pass the same checks as the Settings panel (relative to the shell's
// folder); a saved base path that fails its checks at start is set aside (with a warning) until the user
// chooses another; a base path chosen in the app wins over the one the app was started with.
import { basePathProblem, checkBasePath } from './base-path.ts';
import { defaultBasePath } from './paths.ts';
import type { SettingsStore } from './settings.ts';
import type { BasePathSource } from '../shared/settings.ts';


export class BasePathPrecedence {
  /** --base-path or DAQ_BASE_PATH, checked; undefined when neither was given (or the user chose one since). */
  private override: { path: string; source: 'flag' | 'environment' } | undefined;
  /** The base path the command line (or DAQ_BASE_PATH) gave at start: it wins again at every start. */
  readonly startup: string | null;
  /** The saved base path failed its checks at start: the default is used until the user chooses another. */
  private savedRefused = false;

  /** `warnings` receives the sentence for a saved base path that was refused. */
  private readonly settings: SettingsStore;

  constructor(settings: SettingsStore, flag: string | undefined, env: string | undefined, warnings: string[]) {
    this.settings = settings;
    if (flag !== undefined) this.override = { path: checkBasePath(flag, '--base-path', process.cwd()), source: 'flag' };
    else if (env) this.override = { path: checkBasePath(env, 'DAQ_BASE_PATH', process.cwd()), source: 'environment' };
    this.startup = this.override?.path ?? null;
    const saved = settings.current.basePath;
    const savedProblem = saved ? basePathProblem(saved, false) : undefined;
    if (savedProblem) {
      this.savedRefused = true;
      warnings.push(`The saved base path cannot be used (${savedProblem}); data goes to ${defaultBasePath()} until you choose another folder in Settings.`);
    }
  }

  /** The base path in effect now. */
  get current(): string {
    return this.override?.path ?? ((!this.savedRefused && this.settings.current.basePath) || defaultBasePath());
  }

  /** Where `current` comes from. */
  get source(): BasePathSource {
    if (this.override) return this.override.source;
    return !this.savedRefused && this.settings.current.basePath ? 'settings' : 'default';
  }

  /** The user chose a base path in the app (already checked and saved): it wins from now on. */
  chosenInApp(): void {
    this.savedRefused = false;
    this.override = undefined;
  }
}
