// What the Viewer panel exchanges with the backend: frames for display and the continuous saver's state.
import type { CompressionLib } from './compression.ts';

export interface ViewerFrame {
  detector: string;
  seq: number;
  time: number;
  shape: number[];
  units: string;
  value: number | ArrayLike<number>;
}

/** Which detectors grab and every detector's exposure (s); sent as 'viewer.state' whenever either changes. */
export interface ViewerState {
  grabbing: string[];
  exposures: Record<string, number>;
}

export interface SaverStatus {
  doSave: boolean;
  /** The file being written now ('' when Do Save is off). */
  currentPath: string;
  framesSaved: number;
  fileBytes: number;
  basePath: string;
  baseName: string;
  compression: CompressionLib;
  level: number;
  /** Why saving stopped, when it failed. */
  error: string;
}
