// Session metadata (BLISS-style categories) written with every scan: the entries, add one, remove one.
import { useCallback, useEffect, useState } from 'react';
import type { MetadataEntry, MetadataTiming } from '../../shared/metadata.ts';
import { getBridge } from '../bridge.ts';
import { useReportError } from '../errors.tsx';

export interface SessionMetadataState {
  entries: MetadataEntry[];
  /** Resolves true when added (the list is then reloaded); a refusal is shown in the banner. */
  add: (category: string, name: string, value: string | number, timing: MetadataTiming | undefined) => Promise<boolean>;
  remove: (category: string, name: string) => void;
}

export function useMetadata(): SessionMetadataState {
  const report = useReportError();
  const [entries, setEntries] = useState<MetadataEntry[]>([]);
  useEffect(() => {
    getBridge().api.listMetadata().then(setEntries, report);
  }, [report]);
  const add = useCallback(
    (category: string, name: string, value: string | number, timing: MetadataTiming | undefined) => {
      const api = getBridge().api;
      return api
        .setMetadata(category, name, value, timing)
        .then(() => api.listMetadata())
        .then(
          (l) => (setEntries(l), true),
          (err: unknown) => (report(err), false),
        );
    },
    [report],
  );
  const remove = useCallback((category: string, name: string) => void getBridge().api.removeMetadata(category, name).then(setEntries, report), [report]);
  return { entries, add, remove };
}
