// The document stream (bluesky's event model): start · descriptor · event* · stop. Every writer, exporter and
// view subscribes to this one stream; replaying it reproduces any file. No Node or DOM imports.

export type ExitStatus = 'success' | 'abort' | 'fail';

export interface StartDoc {
  uid: string;
  /** UTC epoch seconds. */
  time: number;
  /** Increases by one per scan and persists across restarts. */
  scan_number: number;
  plan_name: string;
  plan_args: Record<string, unknown>;
  detectors: string[];
  motors: string[];
  /** Number of points the plan will produce; null when unknown (timescan). */
  num_points: number | null;
  /** The command as a scientist would type it, e.g. "line_scan samx -1 1 5 0.1". */
  title: string;
  /** Seed of the simulated instrument's random source for this scan. */
  seed: number;
  /** User metadata (nested; "key@units" and "@NX_class" conventions). */
  md: Record<string, unknown>;
  /** Positions of every device labelled "motor" when the scan started. */
  positioners_start: Record<string, number>;
  /** Units of those motors. */
  positioner_units: Record<string, string>;
  /** The app version that took the data. */
  app_version: string;
  /** The instrument config (YAML text) the scan ran with. */
  instrument_config: string;
  /** The scan's integration time per point, seconds. */
  exp_time: number;
  /** Grid and snake grid scans: the grid's shape and set points (BLISS scan_info npoints1/npoints2). */
  grid?: GridShape;
}

/** A regular grid: motors slowest first, points per motor, each motor's set points; snake reverses odd rows. */
export interface GridShape {
  motors: string[];
  shape: number[];
  setpoints: number[][];
  snake: boolean;
}

export interface DataKey {
  dtype: 'number' | 'integer' | 'array';
  /** [] for scalars, [n] for spectra, [h, w] for images. */
  shape: number[];
  source: string;
  units: string;
  /** Storage type of arrays (e.g. "uint16", "float64"). */
  dtype_numpy?: string;
  /** The device a key belongs to. */
  object_name: string;
}

export interface DescriptorDoc {
  uid: string;
  run_start: string;
  time: number;
  name: 'primary';
  data_keys: Record<string, DataKey>;
  /** Settings of each device at the start (simulation parameters, exposure, units). */
  configuration: Record<string, Record<string, number | string | boolean>>;
}

export type EventValue = number | Float64Array | Uint16Array | Uint32Array | Float32Array | number[];

export interface EventDoc {
  uid: string;
  descriptor: string;
  /** 1-based sequence number within the scan. */
  seq_num: number;
  time: number;
  data: Record<string, EventValue>;
  timestamps: Record<string, number>;
}

export interface StopDoc {
  uid: string;
  run_start: string;
  time: number;
  exit_status: ExitStatus;
  reason: string;
  num_events: number;
  /** Positions of every device labelled "motor" when the scan ended. */
  positioners_end: Record<string, number>;
  /** Session metadata collected at the END of the scan, {category: {name: value}}. */
  md_end: Record<string, Record<string, unknown>>;
}

/**
 * Where a writer puts a run's data (bluesky's resource document): the writer publishes it into the stream right
 * after the descriptor, so the catalog and the scan report learn the file from the documents, not from the writer.
 */
export interface ResourceDoc {
  uid: string;
  run_start: string;
  time: number;
  /** The file format. */
  spec: 'NeXus';
  /** The absolute path of the file. */
  resource_path: string;
  /** The NXentry inside it, e.g. "12.1". */
  entry: string;
}

export type DocName = 'start' | 'descriptor' | 'resource' | 'event' | 'stop';

export type Doc =
  | { name: 'start'; doc: StartDoc }
  | { name: 'descriptor'; doc: DescriptorDoc }
  | { name: 'resource'; doc: ResourceDoc }
  | { name: 'event'; doc: EventDoc }
  | { name: 'stop'; doc: StopDoc };

/** A subscriber to the document stream. Callbacks never reach back into the engine. */
export type DocumentCallback = (d: Doc) => void | Promise<void>;
