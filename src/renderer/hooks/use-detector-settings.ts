// One detector's settings and presets (the Viewer's detector settings): its exposure and settings as the backend
// has them, the changes applied together, and the named presets (per detector, kept in the data dir) saved,
// applied or deleted. Every action resolves to whether it worked; a refusal is shown in the banner.
import { useCallback, useEffect, useState } from 'react';
import type { DetectorPreset, DetectorSettings } from '../../shared/saved-sets.ts';
import { getBridge } from '../bridge.ts';
import { useReportError } from '../errors.tsx';

export interface DetectorSettingsState {
  /** The detector's applied settings (undefined until loaded; after a switch, the old detector's until loaded). */
  current: DetectorSettings | undefined;
  presets: DetectorPreset[];
  /** Lists the presets again (another window may have saved one). */
  refreshPresets: () => void;
  /** Applies changed settings and/or the exposure, then reloads. */
  apply: (patch: Record<string, number>, exposure: number | undefined) => Promise<boolean>;
  savePreset: (name: string) => Promise<DetectorPreset | undefined>;
  applyPreset: (name: string) => Promise<boolean>;
  deletePreset: (name: string) => Promise<boolean>;
}

export function useDetectorSettings(detector: string): DetectorSettingsState {
  const report = useReportError();
  const [current, setCurrent] = useState<DetectorSettings | undefined>();
  const [presets, setPresets] = useState<DetectorPreset[]>([]);
  const refreshPresets = useCallback(() => void getBridge().api.listDetectorPresets(detector).then(setPresets, report), [detector, report]);
  const load = useCallback(() => {
    getBridge().api.getDetectorSettings(detector).then(setCurrent, report);
    refreshPresets();
  }, [detector, report, refreshPresets]);
  useEffect(load, [load]);
  const fail = useCallback((err: unknown) => (report(err), false as const), [report]);

  const apply = async (patch: Record<string, number>, exposure: number | undefined) => {
    const api = getBridge().api;
    try {
      if (Object.keys(patch).length) setCurrent(await api.setDetectorSettings(detector, patch));
      if (exposure !== undefined) await api.viewerSetExposure(detector, exposure);
      load();
      return true;
    } catch (err) {
      return fail(err);
    }
  };
  const savePreset = (name: string) =>
    getBridge()
      .api.saveDetectorPreset(detector, name)
      .then(
        (p) => (load(), p),
        (err: unknown) => (fail(err), undefined),
      );
  const applyPreset = (name: string) =>
    getBridge()
      .api.applyDetectorPreset(detector, name)
      .then((r) => (setCurrent(r), true), fail);
  const deletePreset = (name: string) =>
    getBridge()
      .api.deleteDetectorPreset(detector, name)
      .then((rest) => (setPresets(rest), true), fail);
  return { current, presets, refreshPresets, apply, savePreset, applyPreset, deletePreset };
}
