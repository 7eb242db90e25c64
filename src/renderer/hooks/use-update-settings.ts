// Changing persisted settings (theme, last panel, scan-file options): one call, its refusal shown in the banner.
// Every view follows the change through 'settings.changed' (useSettings). The saved UI choices are read once at
// start (useSavedUi): a theme or panel chosen in another window does not switch this one.
import { useCallback, useEffect, useState } from 'react';
import type { Api } from '../../shared/api.ts';
import type { Settings } from '../../shared/settings.ts';
import { getBridge } from '../bridge.ts';
import { useReportError } from '../errors.tsx';

export type SettingsUpdate = Parameters<Api['updateSettings']>[0];

export function useUpdateSettings(): (patch: SettingsUpdate) => void {
  const report = useReportError();
  return useCallback((patch: SettingsUpdate) => void getBridge().api.updateSettings(patch).catch(report), [report]);
}

/** The UI choices saved by the last session (theme, panel), read once (undefined until the answer arrives). */
export function useSavedUi(): Settings['ui'] | undefined {
  const report = useReportError();
  const [ui, setUi] = useState<Settings['ui'] | undefined>();
  useEffect(() => {
    getBridge()
      .api.getSettings()
      .then((s) => setUi(s.ui), report);
  }, [report]);
  return ui;
}
