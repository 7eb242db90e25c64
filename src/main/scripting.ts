// The library entry point for scripts, in the spirit of BEC's client:
//
//   import { openSession } from 'daq-studio/scripting';
//   const s = await openSession({ instantMoves: true });
//   const report = await s.scans.lineScan(s.dev.samx, -1, 1, { steps: 5, expTime: 0.1, relative: false });
//   const scan = s.history.at(-1);
//   const { timestamp, value } = scan.devices.samx.samx.read();
//   await s.close();
//
// Scripts run in plain Node (no Electron) on exactly the code the app uses.
import type { MetadataTiming } from '../shared/metadata.ts';
import type { ScanRequest } from '../shared/scans.ts';
import { DaqError } from '../shared/errors.ts';
import type { StartDoc, StopDoc } from '../shared/documents.ts';
import type { ScanContext } from './acquisition/metadata.ts';
import type { ScanRow } from '../shared/history.ts';
import { preloadReader, readBaselineSync, readSignalSync } from './catalog/stored-scan.ts';
import { openSession as openAppSession, type Session, type SessionOptions } from './session.ts';

export interface DeviceHandle {
  readonly name: string;
  readonly kind: 'motor' | 'detector';
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
  metadata: StartDoc;
  stop: StopDoc | undefined;
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
    const dev: Record<string, DeviceHandle> = {};
    for (const name of session.instrument.motors.keys()) dev[name] = { name, kind: 'motor' };
    for (const name of session.instrument.detectors.keys()) dev[name] = { name, kind: 'detector' };
    this.dev = new Proxy(dev, {
      get(target, prop: string) {
        if (typeof prop === 'string' && !(prop in target) && prop !== 'then') {
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

/** A stored scan from the catalog, its data read lazily from its file. */
function fromCatalog(row: ScanRow): StoredScan {
  const devices: StoredScan['devices'] = {};
  for (const d of [...row.motors, ...row.detectors]) {
    devices[d] = { [d]: { read: () => readSignalSync(row, d) as SignalData }, epoch: { read: () => readSignalSync(row, d, 'epoch') as SignalData } };
  }
  let baseline: StoredScan['baseline'] | undefined;
  return {
    uid: row.uid,
    scanNumber: row.scanNumber,
    planName: row.planName,
    status: row.exitStatus ?? row.status,
    numPoints: row.numPoints ?? 0,
    file: row.file,
    entry: row.entry,
    metadata: { uid: row.uid, scan_number: row.scanNumber, plan_name: row.planName, title: row.title, md: row.md, motors: row.motors, detectors: row.detectors, time: row.startTime, seed: row.seed } as unknown as StartDoc,
    stop: undefined,
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
