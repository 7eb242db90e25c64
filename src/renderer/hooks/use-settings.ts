// The settings in effect, for every view that shows them (status bar, Settings, the Viewer's saving block, Scan's
// export path): loaded once with getEffectiveSettings, then kept current by 'settings.changed', which the backend
// publishes on every change from any window or client. So a base path set in the Viewer shows everywhere at once.
import { useEffect, useState } from 'react';
import type { EffectiveSettings } from '../../shared/settings.ts';
import { getBridge } from '../bridge.ts';
import { useReportError } from '../errors.tsx';

/** The effective settings (undefined until the first answer arrives). */
export function useSettings(): EffectiveSettings | undefined {
  const report = useReportError();
  const [settings, setSettings] = useState<EffectiveSettings | undefined>();
  useEffect(() => {
    const bridge = getBridge();
    // An event that arrives before the first answer is newer than it: the answer must not overwrite it.
    let changed = false;
    const off = bridge.on('settings.changed', (s) => {
      changed = true;
      setSettings(s);
    });
    bridge.api.getEffectiveSettings().then((s) => {
      if (!changed) setSettings(s);
    }, report);
    return off;
  }, [report]);
  return settings;
}

/** Where the base path comes from, in words for the status bar and Settings. */
export const BASE_PATH_SOURCE: Record<EffectiveSettings['basePathSource'], string> = {
  flag: '--base-path on the command line',
  environment: 'DAQ_BASE_PATH',
  settings: 'chosen in the app',
  default: 'the default',
};
