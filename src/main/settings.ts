// The user's settings, persisted across restarts in <dataDir>/settings.json: where data goes, how the viewer
// saves, the last scan set-up and the window layout. One schema validates what is read and every update; a
// corrupt or foreign file is moved aside (settings.json.bad-<time>) and defaults are used, with a warning.
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { DaqError } from '../shared/errors.ts';
import { DEFAULT_SETTINGS, mergeSettings, SettingsPatch, SettingsSchema, type Settings } from '../shared/settings.ts';
import { writeFileAtomic } from './atomic-file.ts';

const StoredSettings = SettingsPatch.extend({ basePath: SettingsSchema.shape.basePath.optional() });

export class SettingsStore {
  readonly file: string;
  private value: Settings;
  /** Set when the stored file could not be used; the UI shows it once. */
  readonly warning: string | undefined;

  constructor(dataDir: string) {
    this.file = join(dataDir, 'settings.json');
    const loaded = this.load();
    this.value = loaded.settings;
    this.warning = loaded.warning;
  }

  private load(): { settings: Settings; warning?: string } {
    const defaults = structuredClone(DEFAULT_SETTINGS);
    if (!existsSync(this.file)) return { settings: defaults };
    try {
      // A file from an older version may lack newer keys: read it as a patch over the defaults.
      // The saved base path is read as text: the session judges it and falls back to the default with a warning,
      // so a bad one does not cost the other settings.
      return { settings: mergeSettings(defaults, StoredSettings.parse(JSON.parse(readFileSync(this.file, 'utf8')))) };
    } catch (err) {
      const aside = `${this.file}.bad-${Date.now()}`;
      try {
        renameSync(this.file, aside);
      } catch {
        // unreadable and unmovable: defaults are used all the same
      }
      return { settings: defaults, warning: `Settings file ${this.file} was unreadable (${(err as Error).message.split('\n')[0]}); it was moved to ${aside} and defaults are used.` };
    }
  }

  /** The settings now, not to be mutated (use update). */
  get current(): Readonly<Settings> {
    return this.value;
  }

  get(): Settings {
    return structuredClone(this.value);
  }

  update(patch: SettingsPatch): Settings {
    const next = SettingsSchema.parse(mergeSettings(this.value, SettingsPatch.parse(patch)));
    try {
      writeFileAtomic(this.file, JSON.stringify(next, null, 2));
    } catch (err) {
      throw new DaqError('IO_ERROR', `Cannot save settings to ${this.file}: ${(err as Error).message}. Check that the data folder is writable.`);
    }
    this.value = next;
    return this.get();
  }
}
