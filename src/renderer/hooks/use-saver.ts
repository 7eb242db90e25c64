// Continuous saving (the Viewer's saving block): the saver's status (Do Save, current file, frames saved, size),
// loaded with getViewerState and then kept current by 'saver.status'; Do Save; and setSaving, the one call that
// sets base path, base name and compression (the options themselves are settings: read them with useSettings).
import { useCallback } from 'react';
import type { SavingPatch } from '../../shared/settings.ts';
import type { SaverStatus } from '../../shared/viewer.ts';
import { getBridge } from '../bridge.ts';
import { useReportError } from '../errors.tsx';
import { useFollowed } from './use-followed.ts';

export interface Saver {
  /** undefined until the first answer arrives. */
  status: SaverStatus | undefined;
  setDoSave: (on: boolean, detector: string) => void;
}

export function useSaver(): Saver {
  const report = useReportError();
  const [status, setStatus] = useFollowed('saver.status', (api) => api.getViewerState().then((v) => v.saver), (st) => st);
  const setDoSave = useCallback((on: boolean, detector: string) => void getBridge().api.setDoSave(on, detector).then(setStatus, report), [report]);
  return { status, setDoSave };
}

/**
 * Sets base path, base name and/or compression in one call; resolves true when saved (a refusal is shown in the
 * banner). Every view follows through 'settings.changed' and 'saver.status'; nothing to tell them here.
 */
export function useSetSaving(): (patch: SavingPatch) => Promise<boolean> {
  const report = useReportError();
  return useCallback(
    (patch: SavingPatch) =>
      getBridge()
        .api.setSaving(patch)
        .then(
          () => true,
          (err: unknown) => (report(err), false),
        ),
    [report],
  );
}
