// Browser panel (H5Browser/H5Web-like): open HDF5 files by path (several at once), a lazy tree with NX_class
// badges and links shown as links, search by name, a metadata pane, and views — the NXdata default plot, a line
// (a min/max envelope for huge 1-D data; zoom reads the finer range), an image of any 2-D slice of an N-D dataset
// with sliders for the other dimensions, a paged table. Refresh (or Follow) shows what a writer added. The data
// comes through hooks (use-browser-file, use-browser-node, use-browser-data); this file composes the parts.
import { useState } from 'react';
import { FolderPicker } from '../../components/FolderPicker.tsx';
import { useBrowserFiles } from '../../hooks/use-browser-file.ts';
import { useBrowserNode } from '../../hooks/use-browser-node.ts';
import { useSettings } from '../../hooks/use-settings.ts';
import type { PanelProps } from '../types.ts';
import type { DataView } from './DatasetView.tsx';
import { FileTabs } from './FileTabs.tsx';
import { NodeView } from './NodeView.tsx';
import { OpenBar } from './OpenBar.tsx';
import { Tree } from './Tree.tsx';
import { TreeSearch } from './TreeSearch.tsx';

export function BrowserPanel(_props: PanelProps) {
  const files = useBrowserFiles();
  const { file, version } = files.shown;
  const sel = useBrowserNode(files.shown);
  const [view, setView] = useState<DataView>('plot');
  const [picking, setPicking] = useState(false);
  // The export folder is the base path in effect now (it follows a change made anywhere, see use-settings.ts)
  // until the user types another one here.
  const basePath = useSettings()?.basePath ?? '';
  const [typedFolder, setTypedFolder] = useState<string | undefined>();
  const exportFolder = typedFolder ?? basePath;

  return (
    <div
      className="browser"
      onDragOver={(e) => e.preventDefault()}
      onDrop={(e) => {
        e.preventDefault();
        files.openDropped([...e.dataTransfer.files]);
      }}
      data-testid="browser-drop"
    >
      <OpenBar recent={files.recent} onOpen={(p) => files.open(p)} onBrowse={() => setPicking(true)} shown={!!file} onRefresh={files.refresh} follow={files.follow} onFollow={files.setFollow} />
      <FileTabs files={files.files} current={file} onShow={files.show} onClose={files.close} />
      {picking && (
        <FolderPicker
          files
          start={exportFolder || '/'}
          onCancel={() => setPicking(false)}
          onPick={(p) => {
            setPicking(false);
            files.open(p);
          }}
        />
      )}
      {file ? (
        <div className="browser-body">
          <aside className="browser-tree">
            <TreeSearch found={sel.found} onSearch={sel.search} onSelect={sel.select} />
            <Tree key={`${file.id}-${version}`} file={file} path="/" depth={0} onSelect={sel.select} selected={sel.node?.path ?? ''} />
          </aside>
          <NodeView
            file={file}
            version={version}
            node={sel.node}
            info={sel.info}
            plot={sel.plot}
            pinned={sel.pinned}
            onTogglePin={sel.togglePin}
            view={view}
            onView={setView}
            exportFolder={exportFolder}
            onExportFolder={setTypedFolder}
          />
        </div>
      ) : (
        <p className="muted">Open an HDF5 file by its path (or from the History panel).</p>
      )}
    </div>
  );
}
