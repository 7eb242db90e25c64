// App info and settings: name, version and folders of the running app; read and change the persisted settings.
// A base path is checked (real folder, writable) before it is saved, stored normalized, and from then on wins
// over the one the app was started with.
import type { SettingsPatch } from '../../shared/settings.ts';
import { checkBasePath } from '../base-path.ts';
import type { BasePathPrecedence } from '../base-path-precedence.ts';
import type { SettingsStore } from '../settings.ts';
import { appVersion } from '../version.ts';
import type { Handlers } from './handlers.ts';

export function settingsHandlers(d: {
  settings: SettingsStore;
  basePath: BasePathPrecedence;
  transport: 'ipc' | 'websocket' | 'in-process';
  dataDir: string;
  instrumentFile: string;
}): Handlers<'getAppInfo' | 'getSettings' | 'updateSettings'> {
  return {
    getAppInfo: async () => ({
      ...appVersion(),
      node: process.versions.node,
      platform: `${process.platform}-${process.arch}`,
      transport: d.transport,
      dataDir: d.dataDir,
      basePath: d.basePath.current,
      instrumentFile: d.instrumentFile,
    }),
    getSettings: async () => d.settings.get(),
    updateSettings: async (patch: SettingsPatch) => {
      if (patch.basePath) patch = { ...patch, basePath: checkBasePath(patch.basePath, 'base path') };
      const next = d.settings.update(patch);
      if (patch.basePath !== undefined) d.basePath.chosenInApp();
      return next;
    },
  };
}
