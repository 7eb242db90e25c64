// Detector settings and presets: the settings panel reads and changes a detector's tunable settings (the
// simulator's parameters, within the config's ranges) and its Viewer exposure, and saves or restores them as named
// presets per detector in <dataDir>/detector-presets.json. A changed setting reaches files through the
// descriptor's configuration (instrument/<detector>/settings), so it is refused while a scan runs or while that
// detector is being saved: the open file records the settings it started with.
import { join } from 'node:path';
import { DaqError } from '../../shared/errors.ts';
import type { DetectorPreset, DetectorSettings } from '../../shared/saved-sets.ts';
import { NamedSetsFile, numberRecord } from '../named-sets-file.ts';
import type { Instrument } from './instrument.ts';

export const DETECTOR_PRESETS_FILE = 'detector-presets.json';

export interface DetectorSettingsDeps {
  dataDir: string;
  instrument: Instrument;
  exposure(detector: string): number;
  setExposure(detector: string, seconds: number): void;
  /** True while a scan runs. */
  busy(): boolean;
  /** The detector continuous saving writes now, if any. */
  savingDetector(): string | undefined;
}

interface StoredPreset {
  exposure: number;
  settings: Record<string, number>;
}

function parsePreset(raw: unknown): StoredPreset | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const { exposure, settings } = raw as Record<string, unknown>;
  const s = numberRecord(settings);
  if (typeof exposure !== 'number' || !(exposure >= 0 && exposure <= 3600) || !s) return undefined;
  return { exposure, settings: s };
}

/** The file's key for a preset: detector names never hold ":", so "det:aligned" is unambiguous. */
const keyOf = (detector: string, name: string) => `${detector}:${name}`;

/** The Api methods of detector settings and presets, to be spread into the session's Api. */
export function detectorSettingsApi(deps: DetectorSettingsDeps) {
  const file = new NamedSetsFile<StoredPreset>(join(deps.dataDir, DETECTOR_PRESETS_FILE), 'detector preset', parsePreset);
  const inst = deps.instrument;

  const read = (detector: string): DetectorSettings => {
    const det = inst.detector(detector);
    return { detector, exposure: deps.exposure(detector), settings: det.info().settings, tunable: det.tunable() };
  };

  /** Checks every value before changing any: a bad preset or patch changes nothing. */
  const apply = (detector: string, exposure: number | undefined, patch: Record<string, number>): DetectorSettings => {
    const det = inst.detector(detector);
    if (deps.busy()) throw new DaqError('BUSY', `A scan is running; change ${detector}'s settings when it has ended (its file records the settings it started with).`);
    if (deps.savingDetector() === detector) {
      throw new DaqError('BUSY', `${detector} is being saved; untick Do Save first (the open file records the settings it started with), change the settings, then tick Do Save for a new file.`);
    }
    const tunable = det.tunable();
    for (const [key, value] of Object.entries(patch)) {
      const range = Object.hasOwn(tunable, key) ? tunable[key] : undefined;
      if (!range) {
        const names = Object.keys(tunable);
        throw new DaqError('BAD_ARGUMENTS', `${detector}: "${key}" cannot be changed. ${names.length ? `Changeable settings: ${names.join(', ')}.` : 'This detector has no changeable settings besides the exposure.'}`);
      }
      if (!(value >= range[0] && value <= range[1])) throw new DaqError('OUT_OF_LIMITS', `${detector}: ${key} must be within [${range[0]}, ${range[1]}], got ${value}. Choose a value within the range.`);
    }
    if (exposure !== undefined) deps.setExposure(detector, exposure);
    for (const [key, value] of Object.entries(patch)) det.tune(key, value);
    return read(detector);
  };

  const presets = (detector: string): DetectorPreset[] =>
    file
      .list()
      .filter((p) => p.name.startsWith(`${detector}:`))
      .map((p) => ({ detector, name: p.name.slice(detector.length + 1), savedAt: p.savedAt, exposure: p.values.exposure, settings: p.values.settings }));

  return {
    getDetectorSettings: async (detector: string): Promise<DetectorSettings> => read(detector),
    setDetectorSettings: async (detector: string, patch: Record<string, number>): Promise<DetectorSettings> => apply(detector, undefined, patch),
    listDetectorPresets: async (detector: string): Promise<DetectorPreset[]> => (inst.detector(detector), presets(detector)),
    saveDetectorPreset: async (detector: string, name: string): Promise<DetectorPreset> => {
      const now = read(detector);
      const settings = Object.create(null) as Record<string, number>;
      for (const key of Object.keys(now.tunable)) {
        const v = now.settings[key];
        if (typeof v === 'number') settings[key] = v;
      }
      const saved = file.put(keyOf(detector, name), { exposure: now.exposure, settings });
      return { detector, name, savedAt: saved.savedAt, exposure: now.exposure, settings };
    },
    applyDetectorPreset: async (detector: string, name: string): Promise<DetectorSettings> => {
      inst.detector(detector);
      const p = file.get(keyOf(detector, name)).values;
      return apply(detector, p.exposure, p.settings);
    },
    deleteDetectorPreset: async (detector: string, name: string): Promise<DetectorPreset[]> => {
      inst.detector(detector);
      file.delete(keyOf(detector, name));
      return presets(detector);
    },
  };
}
