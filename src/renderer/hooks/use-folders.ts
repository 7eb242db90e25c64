// The backend's folders (and HDF5 files) for the folder picker, the same in the desktop app and in a browser.
import { useCallback, useEffect, useState } from 'react';
import type { Results } from '../../shared/api.ts';
import { getBridge } from '../bridge.ts';
import { useReportError } from '../errors.tsx';

export type FolderListing = Results['listFolders'];

/** The listing of `start` (the root when it cannot be listed), and `go` to list another folder. */
export function useFolders(start: string): { here: FolderListing | undefined; go: (path: string) => void } {
  const report = useReportError();
  const [here, setHere] = useState<FolderListing | undefined>();
  useEffect(() => {
    const api = getBridge().api;
    api.listFolders(start || '/').then(setHere, () => api.listFolders('/').then(setHere, report));
  }, [start, report]);
  const go = useCallback((path: string) => void getBridge().api.listFolders(path).then(setHere, report), [report]);
  return { here, go };
}
