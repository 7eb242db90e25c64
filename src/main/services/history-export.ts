// History and exports: search the catalog, one stored scan, its 0-D columns read from its file, rebuild the
// catalog from the files under the base path, and SPEC/CSV exports (which read the files, see decisions.md).
import type { HistoryQuery } from '../../shared/history.ts';
import type { Catalog } from '../catalog/catalog.ts';
import { rebuildCatalog } from '../catalog/rebuild.ts';
import { readScalars } from '../catalog/stored-scan.ts';
import { exportCsv } from '../export/csv.ts';
import { exportSpec } from '../export/spec.ts';
import { checkOutputPath } from '../folder-listing.ts';
import { appVersion } from '../version.ts';
import type { Handlers } from './handlers.ts';

export function historyHandlers(d: { catalog: Catalog; basePath: () => string }): Handlers<'searchHistory' | 'getScan' | 'readScanColumns' | 'rebuildCatalog' | 'exportSpec' | 'exportCsv'> {
  const { catalog } = d;
  return {
    searchHistory: async (q: HistoryQuery) => catalog.search(q),
    getScan: async (ref: string) => catalog.resolve(ref),
    readScanColumns: async (ref: string) => readScalars(catalog.resolve(ref)),
    rebuildCatalog: async () => rebuildCatalog(catalog, d.basePath()),
    exportSpec: async (refs: string[], file: string, append: boolean, overwrite?: boolean) =>
      exportSpec(refs.map((r) => catalog.resolve(r)), checkOutputPath(file), append, appVersion().version, overwrite === true),
    exportCsv: async (ref: string, file: string, overwrite?: boolean) => exportCsv(catalog.resolve(ref), checkOutputPath(file), overwrite === true),
  };
}
