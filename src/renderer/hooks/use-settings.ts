// The settings in effect, for every view that shows them (status bar, Settings, the Viewer's saving block, Scan's
// export path): loaded once with getEffectiveSettings, then kept current by 'settings.changed', which the backend
// publishes on every change from any window or client. So a base path set in the Viewer shows everywhere at once.
import type { EffectiveSettings } from '../../shared/settings.ts';
import { useFollowed } from './use-followed.ts';

/** The effective settings (undefined until the first answer arrives). */
export function useSettings(): EffectiveSettings | undefined {
  return useFollowed('settings.changed', (api) => api.getEffectiveSettings(), (s) => s)[0];
}

/** Where the base path comes from, in words for the status bar and Settings. */
export const BASE_PATH_SOURCE: Record<EffectiveSettings['basePathSource'], string> = {
  flag: '--base-path on the command line',
  environment: 'DAQ_BASE_PATH',
  settings: 'chosen in the app',
  default: 'the default',
};
