// The session metadata (BLISS-style categories) written with every scan: the entries, and adding or removing one.
import { useCallback, useEffect, useState } from 'react';
import type { MetadataEntry } from '../../shared/metadata.ts';
import { getBridge } from '../bridge.ts';
import { useReportError } from '../errors.tsx';

export type MetadataTiming = 'START' | 'END' | 'PREPARED';

export interface SessionMetadata {
  entries: MetadataEntry[];
  /** Resolves true once the entry is stored (false when the backend refused it; the banner says why). */
  add(category: string, name: string, value: unknown, timing?: MetadataTiming): Promise<boolean>;
  remove(category: string, name: string): void;
}

export function useSessionMetadata(): SessionMetadata {
  const report = useReportError();
  const [entries, setEntries] = useState<MetadataEntry[]>([]);
  useEffect(() => {
    getBridge().api.listMetadata().then(setEntries, report);
  }, [report]);
  const add = useCallback(
    (category: string, name: string, value: unknown, timing?: MetadataTiming) => {
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
  const remove = useCallback(
    (category: string, name: string) => {
      getBridge().api.removeMetadata(category, name).then(setEntries, report);
    },
    [report],
  );
  return { entries, add, remove };
}
