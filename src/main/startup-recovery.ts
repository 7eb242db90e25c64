// What a session does once when it opens, before the first scan: print the start-up warnings, repair the scans
// a killed process left half-written (and mark them failed in the catalog), and rebuild a damaged catalog from
// the files under the base path.
import type { Catalog } from './catalog/catalog.ts';
import { rebuildCatalog } from './catalog/rebuild.ts';
import type { Log } from './event-bus.ts';
import { KILLED_REASON, recoverOpenScans, type Recovered } from './storage/recovery.ts';

export async function recoverAtStart(opts: { dataDir: string; basePath: string; catalog: Catalog; warnings: readonly string[]; log: Log }): Promise<Recovered[]> {
  const { catalog, log } = opts;
  for (const w of opts.warnings) log('warn', w);
  const recovered = await recoverOpenScans(opts.dataDir);
  for (const r of recovered) {
    if (!r.problem) catalog.markFailed(r.uid, KILLED_REASON, r.points, r.file, r.entry);
    log(r.problem ? 'error' : 'warn', r.problem ? `Could not repair an interrupted scan: ${r.problem}` : `Repaired interrupted scan ${r.entry} in ${r.file}: ${r.points} point(s) kept, marked as failed.`);
  }
  if (catalog.replacedCorrupt) {
    const rep = await rebuildCatalog(catalog, opts.basePath);
    log('warn', `The catalog was damaged; it was moved to ${catalog.replacedCorrupt} and rebuilt from ${rep.files} file(s) (${rep.scans} scans).`);
  }
  return recovered;
}
