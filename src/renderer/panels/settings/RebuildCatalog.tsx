// Settings → Catalog: re-index the data files (the files are the source of truth) and list what is missing.
import { useRebuildCatalog } from '../../hooks/use-rebuild.ts';

export function RebuildCatalog() {
  const { busy, result, rebuild } = useRebuildCatalog();
  return (
    <div className="rebuild">
      <h2>Catalog</h2>
      <p className="muted">The files are the source of truth: rebuilding reads every HDF5 file under the base path into the catalog. Rows whose files are gone are kept and listed.</p>
      <button disabled={busy} onClick={rebuild}>
        {busy ? 'Rebuilding…' : 'Rebuild catalog from files'}
      </button>
      {result && (
        <div data-testid="rebuild-result">
          <p>
            {result.scans} scan(s) in {result.files} file(s), {result.seconds.toFixed(2)} s.
          </p>
          {result.missing.map((m) => (
            <p key={m.uid} className="field-error">
              missing: scan {m.scanNumber} — its file {m.file || '(none)'} is gone or moved
            </p>
          ))}
          {result.unreadable.map((u) => (
            <p key={u.file} className="field-error">
              unreadable: {u.file}: {u.problem}
            </p>
          ))}
        </div>
      )}
    </div>
  );
}
