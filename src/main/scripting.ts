// The library entry point for scripts, in the spirit of BEC's client:
//
//   import { openSession } from 'daq-studio/scripting';
//   const s = await openSession({ instantMoves: true });
//   await s.devices.samx.move(0.5);                   // s.devices.samx.read() → {timestamp, value}, .position
//   const report = await s.scans.lineScan(s.devices.samx, -1, 1, { steps: 5, expTime: 0.1, relative: false });
//   const scan = s.history.at(-1);                    // scan.metadata / scan.stop: its start and stop documents
//   const { timestamp, value } = scan.devices.samx.samx.read();
//   await s.close();
//
// Scripts run in plain Node (no Electron) on exactly the code the app uses. `s.dev` is the same as `s.devices`.
import type { MetadataTiming } from '../shared/metadata.ts';
import type { ScanRequest } from '../shared/scans.ts';
import { DaqError } from '../shared/errors.ts';
import type { StartDoc, StopDoc } from '../shared/documents.ts';
import type { MotorPosition } from '../shared/api.ts';
import type { ScanContext } from './acquisition/metadata.ts';
import { startDocOfRow, type ScanRow } from '../shared/history.ts';
import { preloadReader, readBaselineSync, readEntryDocFieldsSync, readSignalSync, type EntryDocFields } from './catalog/stored-scan.ts';
import { newSeed, Rng } from './instrument/rng.ts';
import { openSession as openAppSession, type Session, type SessionOptions } from './session.ts';

/** One reading of a live device, as BEC's `dev.samx.read()`: UTC epoch seconds and the value. */
export interface Reading {
  timestamp: number;
  /** A number; a spectrum as a list; an image as a list of rows. */
  value: number | number[] | number[][];
}

/** A live device: pass it to scans, read it, and (motors) see and change its position. */
export interface DeviceHandle {
  readonly name: string;
  readonly kind: 'motor' | 'detector';
  /** Motors: the readback now. Detectors: an instantaneous reading at the current positions (not saved). */
  read(): Reading;
  /** Motors only: the readback position (a detector throws). */
  readonly position: number;
  /** Motors only: moves to an absolute position and resolves when there (refused outside the limits). */
  move(position: number): Promise<MotorPosition>;
}

export interface SignalData {
  timestamp: number[];
  value: number[];
}

/** One scan as a script sees it: its documents and its data, signal by signal. */
export interface StoredScan {
  uid: string;
  scanNumber: number;
  planName: string;
  status: string;
  numPoints: number;
  file: string;
  entry: string;
  /** The start document: plan_args, num_points, positioners_start, md … (read from the catalog and the file). */
  readonly metadata: StartDoc;
  /** The stop document (exit_status, reason, num_events, positioners_end, md_end); undefined while running. */
  readonly stop: StopDoc | undefined;
  /** devices.<device>.<signal>.read() → {timestamp, value}; a device's main signal has the device's name. */
  devices: Record<string, Record<string, { read(): SignalData }>>;
  /** Positions of the motors labelled "motor" at start and end. */
  baseline: { start: Record<string, number>; end: Record<string, number> };
}

/** Where stored scans come from (the catalog; a test may give another source). */
export interface HistorySource {
  count(): number;
  /** 0 is the oldest, -1 the newest. */
  at(index: number): StoredScan;
}

export class ScanHistory {
  private source: HistorySource;
  constructor(source: HistorySource) {
    this.source = source;
  }
  /** Replaces where scans are looked up (the catalog, once storage is attached). */
  use(source: HistorySource): void {
    this.source = source;
  }
  get length(): number {
    return this.source.count();
  }
  at(index: number): StoredScan {
    return this.source.at(index);
  }
}

/** Scans take handles from `s.dev`; typed as possibly undefined only because index access is (the proxy throws first). */
type Dev = DeviceHandle | undefined;
function nameOf(d: Dev): string {
  if (!d) throw new DaqError('UNKNOWN_DEVICE', 'No such device: take devices from session.dev (e.g. s.dev.samx).');
  return d.name;
}

export interface ScanOptions {
  expTime?: number;
  detectors?: string[];
  md?: Record<string, unknown>;
  seed?: number;
}

export class ScriptSession {
  readonly session: Session;
  /** Every motor and detector by name (BEC's `dev`); an unknown name throws with the known ones. */
  readonly devices: Record<string, DeviceHandle>;
  /** The same handles as `devices`. */
  readonly dev: Record<string, DeviceHandle>;
  readonly history: ScanHistory;
  readonly scans;

  constructor(session: Session) {
    this.session = session;
    // The history is the catalog: every scan ever indexed, its data read from its file.
    this.history = new ScanHistory({
      count: () => session.catalog.count(),
      at: (i) => fromCatalog(session.catalog.at(i)),
    });
    const dev: Record<string, DeviceHandle> = Object.create(null) as Record<string, DeviceHandle>;
    for (const name of session.instrument.motors.keys()) dev[name] = motorHandle(session, name);
    const rng = new Rng(newSeed());
    for (const name of session.instrument.detectors.keys()) dev[name] = detectorHandle(session, name, rng);
    this.devices = this.dev = new Proxy(dev, {
      get(target, prop: string) {
        // 'then' and 'toJSON' are what await and JSON.stringify probe for: not device names.
        if (typeof prop === 'string' && !(prop in target) && prop !== 'then' && prop !== 'toJSON') {
          throw new DaqError('UNKNOWN_DEVICE', `No device named "${prop}". Known devices: ${Object.keys(target).join(', ')}.`);
        }
        return target[prop];
      },
    });
    const run = (req: ScanRequest) => session.scan(req);
    const common = (o: ScanOptions = {}) => ({ expTime: o.expTime ?? 0, detectors: o.detectors, md: o.md, seed: o.seed });
    this.scans = {
      count: (points: number, o?: ScanOptions) => run({ type: 'count', points, ...common(o) }),
      timescan: (o?: ScanOptions & { points?: number }) => run({ type: 'timescan', points: o?.points, ...common(o) }),
      lineScan: (motor: Dev, start: number, stop: number, o: ScanOptions & { steps: number; relative?: boolean }) =>
        run({ type: 'line', motor: nameOf(motor), start, stop, points: o.steps, relative: o.relative ?? false, ...common(o) }),
      multiScan: (axes: [Dev, number, number][], o: ScanOptions & { steps: number; relative?: boolean }) =>
        run({ type: 'multi', axes: axes.map(([m, start, stop]) => ({ motor: nameOf(m), start, stop })), points: o.steps, relative: o.relative ?? false, ...common(o) }),
      gridScan: (axes: [Dev, number, number, number][], o: ScanOptions & { snake?: boolean; relative?: boolean } = {}) =>
        run({ type: 'grid', axes: axes.map(([m, start, stop, points]) => ({ motor: nameOf(m), start, stop, points })), snake: o.snake ?? false, relative: o.relative ?? false, ...common(o) }),
      listScan: (motors: Dev[], positions: number[][], o: ScanOptions & { relative?: boolean } = {}) =>
        run({ type: 'list', motors: motors.map(nameOf), positions, relative: o.relative ?? false, ...common(o) }),
    };
  }

  move(motor: Dev, position: number): Promise<unknown> {
    return this.session.api.moveMotor(nameOf(motor), position);
  }

  /** A static session metadata entry, kept in the data folder and written with every scan. */
  setMetadata(category: string, name: string, value: unknown, timing?: MetadataTiming): void {
    this.session.metadata.set(category, name, value, timing);
  }

  /** A generated entry: `fn` is called for every scan at its timing (START by default); lives as long as the script. */
  generateMetadata(category: string, name: string, fn: (scan: ScanContext) => unknown, timing?: MetadataTiming): void {
    this.session.metadata.generate(category, name, fn, timing);
  }

  removeMetadata(category: string, name: string): void {
    this.session.metadata.remove(category, name);
  }

  close(): Promise<void> {
    return this.session.close();
  }
}

/** Picks up a move another process made (as the Api does), unless a scan drives the motors now. */
function syncMotors(session: Session): void {
  if (session.engine.state === 'idle') session.instrument.syncPositions();
}

function motorHandle(session: Session, name: string): DeviceHandle {
  const motor = session.instrument.motor(name);
  return {
    name,
    kind: 'motor',
    read: () => {
      syncMotors(session);
      return { timestamp: Date.now() / 1000, value: motor.read() };
    },
    get position() {
      syncMotors(session);
      return motor.read();
    },
    move: (position: number) => session.api.moveMotor(name, position),
  };
}

function detectorHandle(session: Session, name: string, rng: Rng): DeviceHandle {
  const notMotor = () => new DaqError('BAD_ARGUMENTS', `${name} is a detector: it has no position. Read it with s.devices.${name}.read(), or move a motor.`);
  return {
    name,
    kind: 'detector',
    read: () => {
      syncMotors(session);
      const inst = session.instrument;
      const det = inst.detector(name);
      const raw = det.acquire({ position: (m) => inst.motor(m).truePosition(), expTime: session.viewer.expTime(name), rng });
      const shape = det.info().shape;
      let value: Reading['value'];
      if (typeof raw === 'number') value = raw;
      else if (shape.length === 2) {
        const rows: number[][] = [];
        for (let r = 0; r < shape[0]!; r++) rows.push(Array.from(raw.subarray(r * shape[1]!, (r + 1) * shape[1]!)));
        value = rows;
      } else value = Array.from(raw);
      return { timestamp: Date.now() / 1000, value };
    },
    get position(): number {
      throw notMotor();
    },
    move: () => Promise.reject(notMotor()),
  };
}

/** The stop document of a finished scan (its own uid is not stored: it is empty). */
function stopDocOf(row: ScanRow, fromFile: EntryDocFields): StopDoc | undefined {
  if (row.status !== 'finished' || row.exitStatus === null) return undefined;
  const end = row.md._end;
  return {
    uid: '',
    run_start: row.uid,
    time: row.endTime ?? row.startTime,
    exit_status: row.exitStatus,
    reason: row.reason,
    num_events: row.numPoints ?? 0,
    positioners_end: fromFile.positioners_end,
    md_end: end && typeof end === 'object' && !Array.isArray(end) ? (end as StopDoc['md_end']) : {},
  };
}

/** A stored scan from the catalog, its data read lazily from its file. */
function fromCatalog(row: ScanRow): StoredScan {
  const devices: StoredScan['devices'] = {};
  for (const d of [...row.motors, ...row.detectors]) {
    devices[d] = { [d]: { read: () => readSignalSync(row, d) as SignalData }, epoch: { read: () => readSignalSync(row, d, 'epoch') as SignalData } };
  }
  let baseline: StoredScan['baseline'] | undefined;
  let fields: EntryDocFields | undefined;
  // The documents need a few fields only the file keeps; a scan without a file has the catalog's alone.
  const fileFields = (): EntryDocFields => {
    fields ??= row.file ? readEntryDocFieldsSync(row) : { num_points: null, exp_time: null, app_version: '', instrument_config: '', positioners_start: {}, positioner_units: {}, positioners_end: {} };
    return fields;
  };
  return {
    uid: row.uid,
    scanNumber: row.scanNumber,
    planName: row.planName,
    status: row.exitStatus ?? row.status,
    numPoints: row.numPoints ?? 0,
    file: row.file,
    entry: row.entry,
    get metadata() {
      return startDocOfRow(row, fileFields());
    },
    get stop() {
      return stopDocOf(row, fileFields());
    },
    devices,
    get baseline() {
      baseline ??= readBaselineSync(row);
      return baseline;
    },
  };
}

/** Opens a session for a script (repairing scans a killed process left open, as the app does). */
export async function openSession(opts: SessionOptions = {}): Promise<ScriptSession> {
  const session = await openAppSession(opts);
  await preloadReader(); // so that read() can be synchronous, as in BEC
  return new ScriptSession(session);
}
