// Saved positions: the positions of every motor stored under a name ("aligned", "sample out"), listed, recalled
// ("go to" moves every motor of the set) and deleted, as SPEC's and BEC's users keep their reference positions.
// Stored in <dataDir>/positions-saved.json. "Go to" checks every target against its limits before any motor
// moves, so a set that no longer fits the limits moves nothing.
import { join } from 'node:path';
import type { MotorPosition } from '../../shared/api.ts';
import { DaqError } from '../../shared/errors.ts';
import type { GotoResult, SavedPositionSet } from '../../shared/saved-sets.ts';
import { NamedSetsFile, numberRecord, type NamedSet } from '../named-sets-file.ts';
import type { Instrument } from './instrument.ts';

export const SAVED_POSITIONS_FILE = 'positions-saved.json';

export interface SavedPositionsDeps {
  dataDir: string;
  instrument: Instrument;
  /** True while a scan runs: then motors belong to the scan. */
  busy(): boolean;
  /** Brings motor positions up to date with other processes before reading or moving them. */
  sync(): void;
  /** Publishes positions while motors move. */
  follow(): void;
}

function toSet(s: NamedSet<Record<string, number>>): SavedPositionSet {
  return { name: s.name, savedAt: s.savedAt, positions: s.values };
}

/** The four Api methods of saved positions, to be spread into the session's Api. */
export function savedPositionsApi(deps: SavedPositionsDeps) {
  const file = new NamedSetsFile<Record<string, number>>(join(deps.dataDir, SAVED_POSITIONS_FILE), 'saved positions', numberRecord);
  const inst = deps.instrument;
  return {
    listSavedPositions: async (): Promise<SavedPositionSet[]> => file.list().map(toSet),
    savePositions: async (name: string): Promise<SavedPositionSet> => {
      deps.sync();
      const positions = Object.create(null) as Record<string, number>;
      // The set point of a motor at rest (the readback carries encoder noise; going back would move by it).
      for (const m of inst.motors.values()) positions[m.name] = m.moving ? m.truePosition() : m.setpoint;
      return toSet(file.put(name, positions));
    },
    gotoSavedPositions: async (name: string): Promise<GotoResult> => {
      const set = file.get(name);
      if (deps.busy()) throw new DaqError('BUSY', `A scan is running; go to "${name}" when it has ended (or stop it first).`);
      deps.sync();
      const targets = Object.entries(set.values).filter(([m]) => inst.motors.has(m));
      const missing = Object.keys(set.values).filter((m) => !inst.motors.has(m));
      // All limits first: a set that cannot be reached moves nothing.
      for (const [m, target] of targets) inst.motor(m).check(target);
      const moves = targets.map(([m, target]) => inst.motor(m).move(target));
      deps.follow();
      await Promise.all(moves);
      inst.savePositions();
      const moved = targets.map(([m]): MotorPosition => inst.motor(m).position()).map((p) => ({ name: p.name, position: p.position }));
      return { name, moved, missing };
    },
    deleteSavedPositions: async (name: string): Promise<SavedPositionSet[]> => {
      file.delete(name);
      return file.list().map(toSet);
    },
  };
}
