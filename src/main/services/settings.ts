// App info and settings: name, version and folders of the running app; read and change the persisted settings;
// the settings in effect (base path with its source). A base path is checked (real folder, writable) before it is
// saved, stored normalized, and from then on wins over the one the app was started with. Every change publishes
// 'settings.changed' with the effective settings, so every view (status bar, Settings, Viewer, exports) follows.
// A change the continuous saver uses (base path, continuous options) also publishes 'saver.status', once, whichever
// call made it (updateSettings, setSaving, setSaverOptions): a second client's saving block never shows stale values.
import type { EffectiveSettings, SettingsPatch } from '../../shared/settings.ts';
import { checkBasePath } from '../base-path.ts';
import type { BasePathPrecedence } from '../base-path-precedence.ts';
import type { EventBus } from '../event-bus.ts';
import type { SettingsStore } from '../settings.ts';
import type { SaverStatus } from '../../shared/viewer.ts';
import { appVersion } from '../version.ts';
import type { Handlers } from './handlers.ts';

export interface SettingsDeps {
  settings: SettingsStore;
  basePath: BasePathPrecedence;
  bus: EventBus;
  transport: 'ipc' | 'websocket' | 'in-process';
  dataDir: string;
  instrumentFile: string;
  saver: { status(): SaverStatus };
}

/** The settings in effect now. */
export function effectiveSettings(d: Pick<SettingsDeps, 'settings' | 'basePath'>): EffectiveSettings {
  return { settings: d.settings.get(), basePath: d.basePath.current, basePathSource: d.basePath.source };
}

/** Saves a patch (a base path checked first) and publishes the effective settings. */
export function changeSettings(d: Pick<SettingsDeps, 'settings' | 'basePath' | 'bus' | 'saver'>, patch: SettingsPatch): EffectiveSettings {
  if (patch.basePath) patch = { ...patch, basePath: checkBasePath(patch.basePath, 'base path') };
  d.settings.update(patch);
  if (patch.basePath !== undefined) d.basePath.chosenInApp();
  const now = effectiveSettings(d);
  d.bus.emit('settings.changed', now);
  if (patch.basePath !== undefined || patch.continuous !== undefined) d.bus.emit('saver.status', d.saver.status());
  return now;
}

export function settingsHandlers(d: SettingsDeps): Handlers<'getAppInfo' | 'getSettings' | 'updateSettings' | 'getEffectiveSettings'> {
  return {
    getAppInfo: async () => ({
      ...appVersion(),
      node: process.versions.node,
      platform: `${process.platform}-${process.arch}`,
      transport: d.transport,
      dataDir: d.dataDir,
      basePath: d.basePath.current,
      startupBasePath: d.basePath.startup,
      instrumentFile: d.instrumentFile,
    }),
    getSettings: async () => d.settings.get(),
    updateSettings: async (patch: SettingsPatch) => changeSettings(d, patch).settings,
    getEffectiveSettings: async () => effectiveSettings(d),
  };
}
