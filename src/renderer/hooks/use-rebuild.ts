// Rebuilding the catalog from the files under the base path (Settings): busy while it runs, then its report.
import { useCallback, useState } from 'react';
import type { RebuildReport } from '../../shared/history.ts';
import { getBridge } from '../bridge.ts';
import { useReportError } from '../errors.tsx';

export function useRebuildCatalog(): { busy: boolean; result: RebuildReport | undefined; rebuild: () => void } {
  const report = useReportError();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<RebuildReport | undefined>();
  const rebuild = useCallback(() => {
    setBusy(true);
    getBridge()
      .api.rebuildCatalog()
      .then(setResult, report)
      .finally(() => setBusy(false));
  }, [report]);
  return { busy, result, rebuild };
}
