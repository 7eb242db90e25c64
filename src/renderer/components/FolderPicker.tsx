// A folder (or HDF5 file) picker that works the same in the desktop app and in a browser: it lists the
// backend's folders, and with `files` the HDF5 files in them.
import { useFolders } from '../hooks/use-folders.ts';

export function FolderPicker({ start, onPick, onCancel, files = false }: { start: string; onPick: (path: string) => void; onCancel: () => void; files?: boolean }) {
  const { here, go } = useFolders(start);
  if (!here) return null;
  return (
    <div className="folder-picker" role="dialog" aria-label="choose a folder" data-testid="folder-picker">
      <div className="mono" data-testid="folder-current">{here.path}</div>
      {!files && here.requested && here.requested !== here.path && (
        <div className="row folder-missing" data-testid="folder-missing">
          <span className="muted">{here.requested} does not exist yet; it is created when the first file is saved.</span>
          <button onClick={() => onPick(here.requested!)}>Use it</button>
        </div>
      )}
      <ul>
        {here.parent && (
          <li>
            <button onClick={() => go(here.parent!)}>.. (up)</button>
          </li>
        )}
        {here.folders.map((f) => (
          <li key={f}>
            <button onClick={() => go(`${here.path.replace(/[\\/]$/, '')}/${f}`)}>{f}/</button>
          </li>
        ))}
        {files &&
          here.files.map((f) => (
            <li key={`file-${f}`}>
              <button className="file-choice" onClick={() => onPick(`${here.path.replace(/[\\/]$/, '')}/${f}`)}>
                {f}
              </button>
            </li>
          ))}
      </ul>
      <div className="row">
        {!files && (
          <button className="primary" onClick={() => onPick(here.path)}>
            Use this folder
          </button>
        )}
        <button onClick={onCancel}>Cancel</button>
      </div>
    </div>
  );
}
