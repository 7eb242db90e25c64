// A numeric dataset in the Browser: Plot or Table, Pin to compare (1-D), the export row, then the view — a line
// for 1-D data, an image slice for N-D data, or the paged table. It holds the frame the sliders show, so Export NPY
// writes that frame.
import { useState } from 'react';
import type { NodeInfo, OpenFile } from '../../../shared/browse.ts';
import type { Pinned } from '../../hooks/use-browser-node.ts';
import { ExportBlock } from './ExportBlock.tsx';
import { ImageSliceView } from './ImageSliceView.tsx';
import { LineView } from './LineView.tsx';
import { TableView } from './TableView.tsx';

export type DataView = 'plot' | 'table';

interface DatasetViewProps {
  file: OpenFile;
  info: NodeInfo;
  /** Counts the reads of the file: a Refresh reads the view again. */
  version: number;
  view: DataView;
  onView: (v: DataView) => void;
  pinned: Pinned[];
  onTogglePin: () => void;
  exportFolder: string;
  onExportFolder: (folder: string) => void;
}

export function DatasetView({ file, info, version, view, onView, pinned, onTogglePin, exportFolder, onExportFolder }: DatasetViewProps) {
  const shape = info.shape ?? [];
  const key = `${info.path}-${version}`;
  // The sliders' frame, for this dataset and read only (another dataset or a Refresh starts at frame 0, as before).
  const [shown, setShown] = useState<{ key: string; frame: number[] } | undefined>();
  const frame = shown?.key === key ? shown.frame : shape.slice(0, -2).map(() => 0);
  return (
    <>
      <div className="row">
        <button className={view === 'plot' ? 'tab active' : 'tab'} onClick={() => onView('plot')}>
          Plot
        </button>
        <button className={view === 'table' ? 'tab active' : 'tab'} onClick={() => onView('table')}>
          Table
        </button>
        {shape.length === 1 && (
          <button title="Keep this dataset on the plot to compare it with the next ones you open" onClick={onTogglePin}>
            {pinned.some((q) => q.path === info.path) ? 'Unpin' : 'Pin to compare'}
          </button>
        )}
        {pinned.length > 0 && <span className="muted">comparing: {pinned.map((q) => q.label).join(', ')}</span>}
      </div>
      <ExportBlock key={`${file.id}-${info.path}`} file={file} info={info} folder={exportFolder} onFolder={onExportFolder} frame={frame} />
      {view === 'table' ? (
        <TableView key={key} file={file} path={info.path} shape={shape} />
      ) : shape.length === 1 ? (
        <LineView key={key} file={file} path={info.path} length={shape[0]!} label={info.name} pinned={pinned} />
      ) : shape.length >= 2 ? (
        <ImageSliceView key={key} file={file} path={info.path} shape={shape} frame={frame} onFrame={(f) => setShown({ key, frame: f })} />
      ) : null}
    </>
  );
}
