// The contract between the UI and the backend: every method and event the UI may use, each method with a
// runtime schema for its arguments. One contract, two transports (IPC in Electron, WebSocket in the headless
// server): a method added here appears in both without extra code. No Node or DOM imports in this file.
import { z } from 'zod';
import { Finite, Name } from './names.ts';
import { ScanRequest, type ScanPreview, type ScanReport, type ScanState } from './scans.ts';
import type { ScanStarted, LiveBatch } from './live.ts';
import type { SaverStatus, ViewerFrame, ViewerState } from './viewer.ts';
import { HistoryQuery, type HistoryPage, type RebuildReport, type ScanRow } from './history.ts';
import type { Envelope, NodeInfo, OpenFile, PlotDescription, Slice, TreeNode } from './browse.ts';
import { MetadataCategory, MetadataKey, MetadataTiming, type MetadataEntry } from './metadata.ts';
import { SavingPatch, SettingsPatch, SettingsPatchShape, type EffectiveSettings, type Settings } from './settings.ts';
import { userValue } from './user-data.ts';
import { DetectorSettingsPatch, SetName, type DetectorPreset, type DetectorSettings, type GotoResult, type SavedPositionSet } from './saved-sets.ts';

export { Finite, Name };

/** -1, -2 … (from the newest), a scan number, or a uid / unique uid prefix. */
export const ScanRef = z.string().min(1).max(64).regex(/^(-?\d+|[0-9a-fA-F-]{4,36})$/, 'a scan is -1, -2 …, a scan number, or a uid (prefix)');
/** A file open in the Browser. */
export const FileId = z.number().int().min(1);
/** A path inside an HDF5 file. */
export const H5Path = z.string().min(1).max(1024).startsWith('/', 'an HDF5 path starts with /');
/** An absolute path for a file the user asked to write. */
export const OutputPath = z.string().min(2).max(4096).refine((p) => !p.includes('\u0000'), 'no NUL characters in a path');

export interface MethodSpec<A extends z.ZodTuple = z.ZodTuple> {
  /** Validates the positional arguments. */
  args: A;
  /** One line for docs and error messages. */
  summary: string;
}

function method<A extends z.ZodTuple>(args: A, summary: string): MethodSpec<A> {
  return { args, summary };
}

// ---- shapes returned by methods ----

export interface AppInfo {
  name: string;
  version: string;
  node: string;
  platform: string;
  transport: 'ipc' | 'websocket' | 'in-process';
  dataDir: string;
  basePath: string;
  /** The base path given on the command line (--base-path) or by DAQ_BASE_PATH: it wins at every start. */
  startupBasePath: string | null;
  instrumentFile: string;
}

export interface MotorInfo {
  kind: 'motor';
  name: string;
  units: string;
  limits: [number, number];
  velocity: number;
  position: number;
  setpoint: number;
  moving: boolean;
  labels: string[];
}

export interface DetectorInfo {
  kind: 'detector';
  name: string;
  /** 0 for scalars, 1 for spectra, 2 for images. */
  ndim: 0 | 1 | 2;
  shape: number[];
  dtype: string;
  units: string;
  labels: string[];
  settings: Record<string, number | string | boolean>;
}

export type DeviceInfo = MotorInfo | DetectorInfo;

export interface MotorPosition {
  name: string;
  position: number;
  setpoint: number;
  moving: boolean;
}

// ---- the methods ----

export const methods = {
  // Grouped by topic; each group's handlers live in the src/main/services/ module named in its heading.
  // -- app info (src/main/services/settings.ts) --
  getAppInfo: method(z.tuple([]), 'Name, version and folders of the running app.'),
  // -- devices (services/devices-viewer.ts) --
  listDevices: method(z.tuple([]), 'Every motor and detector of the instrument.'),
  getDevice: method(z.tuple([Name]), 'One device by name.'),
  moveMotor: method(z.tuple([Name, Finite]), 'Move a motor to an absolute position (refused outside its limits).'),
  stopMotor: method(z.tuple([Name]), 'Stop a moving motor where it is.'),
  // -- settings (services/settings.ts) --
  getSettings: method(z.tuple([]), 'The persisted settings (base path, continuous saving, scan, UI layout).'),
  updateSettings: method(z.tuple([SettingsPatch]), 'Change some settings; they persist across restarts.'),
  getEffectiveSettings: method(z.tuple([]), 'The settings in effect: the saved ones, the base path data goes to now and where it comes from.'),
  setSaving: method(z.tuple([SavingPatch]), 'Base path, base name and compression of continuous saving in one call (persisted).'),
  // -- scans (services/scan.ts) --
  startScan: method(z.tuple([ScanRequest]), 'Start a scan (count, timescan, line, multi, grid, list); resolves when it has started.'),
  previewScan: method(z.tuple([ScanRequest]), 'The positions a scan request would visit, without running it.'),
  pauseScan: method(z.tuple([]), 'Pause the running scan before its next point.'),
  resumeScan: method(z.tuple([]), 'Resume a paused scan.'),
  stopScan: method(z.tuple([]), 'Finish the current point, then end the scan as success.'),
  abortScan: method(z.tuple([]), 'Interrupt the running scan now; it ends as abort.'),
  getScanState: method(z.tuple([]), 'Whether a scan runs, its progress, elapsed time and ETA.'),
  getLastReport: method(z.tuple([]), 'The report of the last scan that ended in this session (null before any).'),
  // -- metadata (services/metadata.ts) --
  listMetadata: method(z.tuple([]), 'The session metadata entries.'),
  setMetadata: method(z.tuple([MetadataCategory, MetadataKey, userValue(), MetadataTiming.optional()]), 'Add or replace a static session metadata entry.'),
  removeMetadata: method(z.tuple([MetadataCategory, MetadataKey]), 'Remove a session metadata entry.'),
  // -- saving (services/saving.ts) --
  getDataset: method(z.tuple([]), 'The dataset file the next scan is written to.'),
  newDataset: method(z.tuple([]), 'Start the next dataset file (Dataset_<date>_<NNN+1>.h5) for the following scans.'),
  attachScreenshot: method(z.tuple([z.string().uuid(), z.instanceof(Uint8Array).refine((b) => b.byteLength <= 20 * 2 ** 20, 'at most 20 MB'), z.boolean().optional()]), "Store a PNG of a scan plot in its scan file (endOfScan: the plot taken when the scan ended; only the first window's is stored)."),
  // -- the Viewer (services/devices-viewer.ts) --
  viewerSnap: method(z.tuple([Name]), 'Acquire one frame of a detector (saved when Do Save is on).'),
  viewerGrab: method(z.tuple([Name]), 'Acquire a detector continuously until viewerStop.'),
  viewerStop: method(z.tuple([Name]), 'Stop grabbing a detector.'),
  viewerSetExposure: method(z.tuple([Name, z.number().min(0).max(3600)]), 'Set the exposure (s) the Viewer uses for a detector.'),
  getViewerState: method(z.tuple([]), 'Which detectors grab, their exposures, and the continuous saver.'),
  // -- continuous saving (services/saving.ts) --
  setSaverOptions: method(z.tuple([z.object({ baseName: SettingsPatchShape.continuous.shape.baseName, compression: SettingsPatchShape.continuous.shape.compression, level: SettingsPatchShape.continuous.shape.level }).partial().strict()]), 'Base name and compression of continuous saving (persisted).'),
  setDoSave: method(z.tuple([z.boolean(), Name.optional()]), 'Do Save: on starts a new file for the detector, off closes it.'),
  // -- history and exports (services/history-export.ts) --
  searchHistory: method(z.tuple([HistoryQuery]), 'Search the catalog of scans (time range, plan, motor, detector, status, sample, metadata, text), paged and sorted.'),
  getScan: method(z.tuple([ScanRef]), 'One stored scan by -1/-2…, scan number, uid or unique uid prefix.'),
  readScanColumns: method(z.tuple([ScanRef]), 'The 0-D channels of a stored scan, read from its file.'),
  rebuildCatalog: method(z.tuple([]), 'Re-index every HDF5 file under the base path.'),
  exportSpec: method(z.tuple([z.array(ScanRef).min(1).max(10_000), OutputPath, z.boolean(), z.boolean().optional()]), 'Write scans to a SPEC file (append: continue an existing one; overwrite: replace it).'),
  exportCsv: method(z.tuple([ScanRef, OutputPath, z.boolean().optional()]), "Write a scan's scalar channels (array detectors as per-frame sums) to a CSV file (overwrite: replace it)."),
  // -- the HDF5 Browser and the folder picker (services/browser.ts) --
  listFolders: method(z.tuple([z.string().min(1).max(4096).refine((p) => !p.includes('\u0000'), 'no NUL characters in a path')]), 'The sub-folders of a folder, or of its nearest existing parent when it does not exist yet (the folder picker).'),
  // -- saved motor positions and detector settings/presets (instrument/saved-positions.ts, detector-presets.ts) --
  listSavedPositions: method(z.tuple([]), 'The saved motor positions, by name.'),
  savePositions: method(z.tuple([SetName]), 'Save the positions of every motor under a name (replaces a set of that name).'),
  gotoSavedPositions: method(z.tuple([SetName]), 'Move every motor of a saved set to its saved position (nothing moves if one is out of limits).'),
  deleteSavedPositions: method(z.tuple([SetName]), 'Delete a saved set of positions.'),
  getDetectorSettings: method(z.tuple([Name]), "A detector's exposure, its settings and which of them can be changed (with their ranges)."),
  setDetectorSettings: method(z.tuple([Name, DetectorSettingsPatch]), "Change some of a detector's tunable settings (refused while a scan runs or while it is being saved)."),
  listDetectorPresets: method(z.tuple([Name]), "A detector's saved presets."),
  saveDetectorPreset: method(z.tuple([Name, SetName]), "Save a detector's exposure and tunable settings as a named preset (replaces one of that name)."),
  applyDetectorPreset: method(z.tuple([Name, SetName]), "Restore a detector's exposure and settings from a preset."),
  deleteDetectorPreset: method(z.tuple([Name, SetName]), 'Delete a detector preset.'),
  browserOpen: method(z.tuple([OutputPath]), 'Open an HDF5 file in the Browser (absolute path).'),
  browserFiles: method(z.tuple([]), 'The files open in the Browser.'),
  browserClose: method(z.tuple([FileId]), 'Close a file in the Browser.'),
  browserRefresh: method(z.tuple([FileId]), 'Reopen a file being written to see new points and scans.'),
  browserChildren: method(z.tuple([FileId, H5Path]), "One group's children (lazy tree)."),
  browserSearch: method(z.tuple([FileId, z.string().min(1).max(128)]), 'Find nodes by name across a file.'),
  browserInfo: method(z.tuple([FileId, H5Path]), "A node's type, shape, chunks, filters and attributes."),
  browserSlice: method(z.tuple([FileId, H5Path, z.array(z.tuple([z.number().int().min(0), z.number().int().min(0)]).nullable()).max(32)]), 'A slice of a dataset ([start, stop) per dimension, null = all).'),
  browserEnvelope: method(z.tuple([FileId, H5Path, z.number().int().min(0), z.number().int().min(0), z.number().int().min(1).max(10_000)]), 'Min/max per bucket of a 1-D range (huge datasets).'),
  browserDefaultPlot: method(z.tuple([FileId, H5Path]), 'The default plot under a node (@default, NXdata).'),
  browserExport: method(
    z.tuple([FileId, z.array(H5Path).min(1).max(16), z.array(z.tuple([z.number().int().min(0), z.number().int().min(0)]).nullable()).max(32), z.enum(['csv', 'npy']), OutputPath]),
    'Write the selection to CSV (first path the axis or x, the others columns) or NPY (one dataset).',
  ),
} as const;

export type MethodName = keyof typeof methods;
export const METHOD_NAMES = Object.keys(methods) as MethodName[];

// Callers pass the schema's input (defaults may be left out); the backend receives the parsed output.
export type ArgsOf<M extends MethodName> = z.input<(typeof methods)[M]['args']>;

/** What each method resolves to. */
export interface Results {
  getAppInfo: AppInfo;
  listDevices: DeviceInfo[];
  getDevice: DeviceInfo;
  moveMotor: MotorPosition;
  stopMotor: MotorPosition;
  getSettings: Settings;
  updateSettings: Settings;
  getEffectiveSettings: EffectiveSettings;
  setSaving: EffectiveSettings;
  startScan: { uid: string; scanNumber: number };
  previewScan: ScanPreview;
  pauseScan: ScanState;
  resumeScan: ScanState;
  stopScan: ScanState;
  abortScan: ScanState;
  getScanState: ScanState;
  getLastReport: ScanReport | null;
  listMetadata: MetadataEntry[];
  setMetadata: MetadataEntry;
  removeMetadata: MetadataEntry[];
  getDataset: { file: string };
  newDataset: { file: string };
  attachScreenshot: { file: string; path: string };
  viewerSnap: ViewerFrame;
  viewerGrab: { grabbing: string[] };
  viewerStop: { frames: number; grabbing: string[] };
  viewerSetExposure: { detector: string; exposure: number };
  getViewerState: ViewerState & { saver: SaverStatus };
  setSaverOptions: SaverStatus;
  setDoSave: SaverStatus;
  searchHistory: HistoryPage;
  getScan: ScanRow;
  readScanColumns: { columns: Record<string, number[]>; epoch: number[]; units: Record<string, string> };
  rebuildCatalog: RebuildReport;
  exportSpec: { file: string; scans: { scanNumber: number; specNumber: number }[] };
  exportCsv: { file: string; rows: number; columns: string[] };
  listFolders: { path: string; parent: string | null; folders: string[]; files: string[]; requested: string };
  listSavedPositions: SavedPositionSet[];
  savePositions: SavedPositionSet;
  gotoSavedPositions: GotoResult;
  deleteSavedPositions: SavedPositionSet[];
  getDetectorSettings: DetectorSettings;
  setDetectorSettings: DetectorSettings;
  listDetectorPresets: DetectorPreset[];
  saveDetectorPreset: DetectorPreset;
  applyDetectorPreset: DetectorSettings;
  deleteDetectorPreset: DetectorPreset[];
  browserOpen: OpenFile;
  browserFiles: OpenFile[];
  browserClose: OpenFile[];
  browserRefresh: OpenFile;
  browserChildren: TreeNode[];
  browserSearch: TreeNode[];
  browserInfo: NodeInfo;
  browserSlice: Slice;
  browserEnvelope: Envelope;
  browserDefaultPlot: PlotDescription | null;
  browserExport: { file: string; bytes: number };
}

/** The Api as the UI sees it: one async function per method. Errors reject with an ApiError. */
export type Api = { [M in MethodName]: (...args: ArgsOf<M>) => Promise<Results[M]> };

// ---- events (backend → UI) ----

export interface Events {
  /** Motor positions changed (sent at most ~30 times a second). */
  'motors.positions': MotorPosition[];
  /** A line for the status bar / log panel. */
  'app.log': { level: 'info' | 'warn' | 'error'; message: string; time: number };
  /** A scan started: its start document and what each data key is. */
  'scan.started': ScanStarted;
  /** Points of the running scan, batched at ≤ 30 Hz (every scalar of every point; newest arrays). */
  'scan.batch': LiveBatch;
  /** Progress of the running scan (with each batch). */
  'scan.progress': ScanState;
  /** A scan ended. */
  'scan.finished': ScanReport;
  /** The newest frame of a grabbing detector (≤ 30 Hz; frames between are skipped for display only). */
  'viewer.frame': ViewerFrame;
  /** A grab started or ended, or an exposure changed (from any window, client or preset): the Viewer's state. */
  'viewer.state': ViewerState;
  /** Continuous saving: current file, frames saved, size (≤ 4 Hz). */
  'saver.status': SaverStatus;
  /** The settings changed (through any method): the effective settings, base path and its source included. */
  'settings.changed': EffectiveSettings;
}

export type EventName = keyof Events;
export const EVENT_NAMES: EventName[] = ['motors.positions', 'app.log', 'scan.started', 'scan.batch', 'scan.progress', 'scan.finished', 'viewer.frame', 'saver.status', 'settings.changed', 'viewer.state'];

export type EventListener<E extends EventName> = (payload: Events[E]) => void;

/** The surface the preload exposes as window.daq and the WebSocket bridge implements: the Api plus events. */
export interface DaqBridge {
  api: Api;
  on<E extends EventName>(event: E, listener: EventListener<E>): () => void;
  /** The path of a file dropped on the window: the desktop app knows it, a browser does not (undefined). */
  pathForFile?: (file: unknown) => string;
}

/**
 * Validates a call's arguments. Returns the parsed arguments or a sentence that says what was wrong,
 * naming the method and the argument.
 */
export function parseArgs(
  name: string,
  raw: unknown,
): { ok: true; method: MethodName; args: unknown[] } | { ok: false; code: 'UNKNOWN_METHOD' | 'BAD_ARGUMENTS'; message: string } {
  if (!Object.prototype.hasOwnProperty.call(methods, name)) {
    return { ok: false, code: 'UNKNOWN_METHOD', message: `Unknown method "${String(name).slice(0, 80)}". Known methods: ${METHOD_NAMES.join(', ')}.` };
  }
  const spec = methods[name as MethodName];
  if (!Array.isArray(raw)) {
    return { ok: false, code: 'BAD_ARGUMENTS', message: `${name}: arguments must be a list.` };
  }
  const parsed = spec.args.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `argument ${Number(issue.path[0]) + 1}` : 'arguments';
    // An issue with an empty path is about the list itself: the count of arguments.
    const detail = issue && issue.path.length === 0 ? `expected ${spec.args.def.items.length} argument(s), got ${raw.length}` : issue?.message;
    return { ok: false, code: 'BAD_ARGUMENTS', message: `${name}: bad ${where}: ${detail}. (${spec.summary})` };
  }
  return { ok: true, method: name as MethodName, args: parsed.data as unknown[] };
}
