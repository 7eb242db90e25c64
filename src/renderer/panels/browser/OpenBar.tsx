// The Browser's top row: a file path to open (Enter or Open), Browse… (the folder picker), the recent files, and
// for the file shown, Refresh and Follow (re-read every 2 s what a writer added).
import { useState } from 'react';

interface OpenBarProps {
  recent: string[];
  onOpen: (path: string) => void;
  onBrowse: () => void;
  /** Refresh and Follow, when a file is shown. */
  shown: boolean;
  onRefresh: () => void;
  follow: boolean;
  onFollow: (on: boolean) => void;
}

export function OpenBar({ recent, onOpen, onBrowse, shown, onRefresh, follow, onFollow }: OpenBarProps) {
  const [path, setPath] = useState('');
  return (
    <div className="row browser-open">
      <input aria-label="file path" placeholder="/absolute/path/to/file.h5" value={path} onChange={(e) => setPath(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && path && onOpen(path)} />
      <button disabled={!path} onClick={() => onOpen(path)}>
        Open
      </button>
      <button onClick={onBrowse}>Browse…</button>
      {recent.length > 0 && (
        <select aria-label="recent files" value="" onChange={(e) => e.target.value && onOpen(e.target.value)}>
          <option value="">recent files…</option>
          {recent.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      )}
      {shown && (
        <>
          <button onClick={onRefresh}>Refresh</button>
          <label>
            <input type="checkbox" checked={follow} onChange={(e) => onFollow(e.target.checked)} /> follow
          </label>
        </>
      )}
    </div>
  );
}
