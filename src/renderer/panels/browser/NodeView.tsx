// The right side of the Browser: the selected node's metadata, then what it holds — a stored PNG, the NXdata
// default plot of a group (or why there is none), or a numeric dataset's views and exports.
import type { NodeInfo, OpenFile, PlotDescription, TreeNode } from '../../../shared/browse.ts';
import type { Pinned } from '../../hooks/use-browser-node.ts';
import { DatasetView, type DataView } from './DatasetView.tsx';
import { DefaultPlot } from './DefaultPlot.tsx';
import { NodeInfoPane } from './NodeInfoPane.tsx';
import { StoredPng } from './StoredPng.tsx';

interface NodeViewProps {
  file: OpenFile;
  version: number;
  node: TreeNode | undefined;
  info: NodeInfo | undefined;
  plot: PlotDescription | null | undefined;
  pinned: Pinned[];
  onTogglePin: (info: NodeInfo) => void;
  view: DataView;
  onView: (v: DataView) => void;
  exportFolder: string;
  onExportFolder: (folder: string) => void;
}

/** A dataset holding a PNG's bytes (the Scan panel's plots), shown as the image. */
function isPng(info: NodeInfo | undefined): boolean {
  return info?.kind === 'dataset' && info.attrs.some((a) => a.name === 'mime_type' && /image\/png/i.test(a.value));
}

/** A dataset of numbers (not a scalar shown as its value, nor compound, enum, string or reference data). */
function isNumeric(info: NodeInfo | undefined): info is NodeInfo {
  return !isPng(info) && info?.kind === 'dataset' && info.value === undefined && !/compound|enum|vlen|str|ref/i.test(info.dtype ?? '');
}

export function NodeView({ file, version, node, info, plot, pinned, onTogglePin, view, onView, exportFolder, onExportFolder }: NodeViewProps) {
  return (
    <section className="browser-view">
      {info && <NodeInfoPane info={info} />}
      {info && isPng(info) && <StoredPng key={`${info.path}-${version}`} file={file} path={info.path} />}
      {plot && <DefaultPlot key={`${plot.nxdata}-${version}`} file={file} plot={plot} exportFolder={exportFolder} />}
      {plot === null && (!node || node.kind === 'group') && <p className="muted">No NXdata to plot here; choose a dataset in the tree.</p>}
      {isNumeric(info) && (
        <DatasetView
          file={file}
          info={info}
          version={version}
          view={view}
          onView={onView}
          pinned={pinned}
          onTogglePin={() => onTogglePin(info)}
          exportFolder={exportFolder}
          onExportFolder={onExportFolder}
        />
      )}
    </section>
  );
}
