// Saved positions (the Viewer's motor pane): the named sets of every motor's position, kept in the data dir and
// shared by every window; save the current positions, go back to a set, delete one. Actions resolve to their
// result, or undefined when refused (the banner says why).
import { useCallback, useEffect, useState } from 'react';
import type { GotoResult, SavedPositionSet } from '../../shared/saved-sets.ts';
import { getBridge } from '../bridge.ts';
import { useReportError } from '../errors.tsx';

export interface SavedPositions {
  sets: SavedPositionSet[];
  /** Lists the sets again (another window may have saved one). */
  reload: () => void;
  save: (name: string) => Promise<SavedPositionSet | undefined>;
  goTo: (name: string) => Promise<GotoResult | undefined>;
  remove: (name: string) => Promise<boolean>;
}

export function useSavedPositions(): SavedPositions {
  const report = useReportError();
  const [sets, setSets] = useState<SavedPositionSet[]>([]);
  const reload = useCallback(() => void getBridge().api.listSavedPositions().then(setSets, report), [report]);
  useEffect(reload, [reload]);
  const refused = (err: unknown) => (report(err), undefined);
  const api = getBridge().api;
  return {
    sets,
    reload,
    save: (name) => api.savePositions(name).then((s) => (reload(), s), refused),
    goTo: (name) => api.gotoSavedPositions(name).then((r) => r, refused),
    remove: (name) => api.deleteSavedPositions(name).then((rest) => (setSets(rest), true), (err: unknown) => (report(err), false)),
  };
}
