// The Browser's open files as tabs: the file name (the full path as its title), a "live" badge for a file opened
// while being written (SWMR read), and × to close it.
import type { OpenFile } from '../../../shared/browse.ts';

interface FileTabsProps {
  files: OpenFile[];
  current: OpenFile | undefined;
  onShow: (f: OpenFile) => void;
  onClose: (f: OpenFile) => void;
}

export function FileTabs({ files, current, onShow, onClose }: FileTabsProps) {
  return (
    <div className="file-tabs" role="tablist" aria-label="open files">
      {files.map((f) => (
        <span key={f.id} role="tab" aria-selected={current?.id === f.id} className={current?.id === f.id ? 'file-tab active' : 'file-tab'} onClick={() => onShow(f)} title={f.file} data-testid="file-tab">
          {f.file.split(/[\\/]/).pop()}
          {f.live && <span className="badge warn">live</span>}
          <button
            aria-label={`close ${f.file}`}
            onClick={(e) => {
              e.stopPropagation();
              onClose(f);
            }}
          >
            ×
          </button>
        </span>
      ))}
    </div>
  );
}
