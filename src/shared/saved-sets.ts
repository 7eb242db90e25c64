// Named sets the user saves and recalls: motor positions ("saved positions") and detector settings ("presets").
// The names are the user's, so they are validated here once for every boundary, and JavaScript's prototype names
// are refused (they are kept in Maps and null-prototype objects on the backend as well).
import { z } from 'zod';
import { forbiddenKeyMessage, notForbidden } from './user-data.ts';

/** The most sets of one kind a data dir keeps (the file stays small and the list fits a menu). */
export const MAX_SAVED_SETS = 500;

/** A set's name: what a user types ("aligned", "beam centre 2"), never a path. */
export const SetName = z
  .string()
  .trim()
  .min(1, 'a name must not be empty')
  .max(64, 'a name is at most 64 characters')
  .regex(/^[\p{L}\p{N}_][\p{L}\p{N}_ .+-]*$/u, 'a name starts with a letter, digit or _ and holds letters, digits, spaces and _ . + -')
  .refine(notForbidden, { error: (iss) => forbiddenKeyMessage(String(iss.input)) });

/** Motor positions saved under a name: motor → position. */
export interface SavedPositionSet {
  name: string;
  /** ISO 8601 time the set was saved. */
  savedAt: string;
  positions: Record<string, number>;
}

/** What "go to" did: every motor of the set that this instrument has was moved; the others are named. */
export interface GotoResult {
  name: string;
  moved: { name: string; position: number }[];
  /** Motors in the set that the instrument no longer has (a changed config). */
  missing: string[];
}

/** Changes to a detector's settings: setting name → number (the simulator's tunable settings are numbers). */
export const DetectorSettingsPatch = z
  .record(
    z
      .string()
      .min(1)
      .max(64)
      .refine(notForbidden, { error: (iss) => forbiddenKeyMessage(String(iss.input)) }),
    z.number().refine(Number.isFinite, 'a setting must be a finite number'),
  )
  .refine((r) => Object.keys(r).length <= 32, 'at most 32 settings at once');

/** A detector's settings as the settings panel edits them. */
export interface DetectorSettings {
  detector: string;
  /** The Viewer's exposure (s) for this detector. */
  exposure: number;
  /** Every setting (as written to files under instrument/<detector>/settings). */
  settings: Record<string, number | string | boolean>;
  /** The settings that can be changed, with their allowed [low, high]. */
  tunable: Record<string, [number, number]>;
}

/** A detector's exposure and tunable settings saved under a name (names are per detector). */
export interface DetectorPreset {
  detector: string;
  name: string;
  savedAt: string;
  exposure: number;
  settings: Record<string, number>;
}
