// What the HDF5 Browser exchanges with the backend: tree nodes, node details, data slices and plot descriptions.
export type NodeKind = 'group' | 'dataset' | 'soft-link' | 'external-link' | 'datatype' | 'broken-link';

export interface TreeNode {
  name: string;
  path: string;
  kind: NodeKind;
  /** NX_class of a group, when it has one. */
  nxClass?: string;
  shape?: number[];
  dtype?: string;
  /** Soft and external links: where they point. */
  target?: string;
  /** An NXentry without end_time: the scan is unfinished (still written, or interrupted). */
  unfinished?: boolean;
}

export interface NodeInfo extends TreeNode {
  attrs: { name: string; value: string; json?: unknown }[];
  chunks?: number[] | null;
  filters?: string[];
  /** Bytes the dataset occupies in the file (allocated chunks only), when the file's layout is readable. */
  storedBytes?: number;
  /** Bytes of the data / bytes on disk, for filtered (compressed) datasets. */
  compressionRatio?: number;
  /** Scalars and short strings, shown as they are. */
  value?: string | number;
}

export interface OpenFile {
  id: number;
  file: string;
  size: number;
  /** Opened in SWMR-read mode (the file is being written, or a writer left it open). */
  live: boolean;
}

export interface Slice {
  shape: number[];
  /** Values of the selection, row-major. */
  values: Float64Array;
  /** The selection's shape. */
  selection: number[];
}

export interface Envelope {
  /** Bucket centres (index units) and min/max per bucket, for huge 1-D datasets. */
  x: Float64Array;
  min: Float64Array;
  max: Float64Array;
  total: number;
  step: number;
}

export interface PlotDescription {
  /** Path of the NXdata group the plot comes from. */
  nxdata: string;
  title: string;
  signal: { path: string; label: string; shape: number[] };
  axes: ({ path: string; label: string } | null)[];
  auxiliary: { path: string; label: string }[];
  interpretation: 'spectrum' | 'image' | '';
  logY: boolean;
}
