// Size (~305 lines): one Do Save file's whole life on the UI thread (open, record, close, errors, published status).
// Continuous saving (DAQ_Viewer): while Do Save is on, every frame of the chosen detector is appended with its
// timestamp to <base>/<YYYY>/<YYYYMMDD>/<base name>_<YYYYMMDD>_<HH>_<MM>_<SS>.h5; off closes the file; on again
// starts a NEW file. The file has the same NeXus layout as a scan (one NXentry "1.1", plan continuous_saving),
// written by the same worker, so every reader of scan files reads these too.
import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DescriptorDoc, Doc, EventDoc, EventValue, StartDoc } from '../../shared/documents.ts';
import { DaqError } from '../../shared/errors.ts';
import type { SaverStatus } from '../../shared/viewer.ts';
import type { Detector, DetectorValue } from '../instrument/detectors.ts';
import type { Instrument } from '../instrument/instrument.ts';
import { isBackpressure } from '../backpressure.ts';
import { describeDetector } from '../instrument/run-devices.ts';
import type { SettingsStore } from '../settings.ts';
import { continuousFile, ensureFolder } from './file-names.ts';
import { lockFile, NexusWriter } from './nexus-writer.ts';

/** Frame bytes queued for the writer thread above which a grab waits (see the constructor). */
const CONTINUOUS_IN_FLIGHT = 32 * 2 ** 20;

export interface SaverDeps {
  dataDir: string;
  basePath: () => string;
  settings: SettingsStore;
  instrument: Instrument;
  appVersion: string;
  instrumentConfigText: string;
  /** The detector's integration time per frame (s), as the Viewer takes it. */
  expTime?: (detector: string) => number;
  /** Starts the Viewer's noise on a new seed and returns it, so the file's seed reproduces its frames. */
  reseed?: () => number;
  /** The next number of the shared scan counter: a saved file is numbered like a scan (entry "<n>.1"). */
  nextScanNumber?: () => number;
  /** Session metadata (sample, proposal, …) collected at these timings, as a scan gets it. */
  collectMetadata?: (timings: ('PREPARED' | 'START' | 'END')[], scanNumber: number, detector: string) => Record<string, Record<string, unknown>>;
  onStatus: (s: SaverStatus) => void;
  log?: (level: 'info' | 'warn' | 'error', message: string) => void;
}

export class ContinuousSaver {
  private readonly deps: SaverDeps;
  private readonly writer: NexusWriter;
  private detector: string | undefined;
  private file = '';
  /** The last file written (stays after Do Save is turned off). */
  lastFile = '';
  private uid = '';
  private descriptorUid = '';
  private entryName = '1.1';
  private scanNumber = 1;
  private savedDetector = '';
  /** Frames handed to the writer (their sequence numbers). */
  private frames = 0;
  /** Frames the writer thread reports written; after the file closed, what a reader finds in it. */
  private saved = 0;
  private error = '';
  /**
   * The close in progress (Do Save off, or after a failure): the status says "off" at once, so a client may tick
   * Do Save again before the file is closed, and the next file must wait for it (they share one writer).
   */
  private closing: Promise<void> | undefined;
  private lastStatus = 0;
  /** Frames waiting in the writer's batch, and whom to tell once they are copied (a dropped batch just drops them). */
  private readonly releases = new WeakMap<object, () => void>();

  constructor(deps: SaverDeps) {
    this.deps = deps;
    this.writer = new NexusWriter({
      dataDir: deps.dataDir,
      basePath: deps.basePath,
      compression: () => ({ kind: deps.settings.current.continuous.compression, level: deps.settings.current.continuous.level }),
      log: deps.log,
      // The camera now acquires far faster than any codec but "none" writes: a 256 MB queue (a scan's) would fill at
      // once, every batch in it a fresh 8 MB buffer (page faults, garbage on the UI thread), and Do Save off would wait
      // seconds for it to drain. 32 MB (~64 frames) keeps the writer thread busy while the buffers go round.
      maxInFlight: CONTINUOUS_IN_FLIGHT,
      copied: (frames) => {
        for (const e of frames) {
          const release = this.releases.get(e);
          this.releases.delete(e);
          release?.();
        }
      },
      onRows: (rows) => {
        this.saved = rows;
        this.publish();
      },
      target: () => {
        const c = this.deps.settings.current.continuous;
        const file = continuousFile(this.deps.basePath(), c.baseName, new Date());
        ensureFolder(dirname(file));
        const unlock = lockFile(file);
        if (!unlock) throw new DaqError('BUSY', `${file} is being written by another process.`);
        return { file, entry: this.entryName, unlock };
      },
    });
  }

  private warming: Promise<void> | undefined;

  /** Gets the writer thread ready before Do Save (once); a failure shows up again when Do Save is ticked. */
  warm(): Promise<void> {
    this.warming ??= this.writer.warm(this.deps.settings.current.continuous.compression).catch(() => {
      this.warming = undefined;
    });
    return this.warming;
  }

  /** The saver's writer thread's WebAssembly memory, in bytes (for the soak benchmark). */
  wasmHeapBytes(): number {
    return this.writer.wasmHeapBytes();
  }

  /** The saver's frames compressed ahead or in the call (NexusWriter.compressedChunks). */
  compressedChunks(): { ahead: number; inCall: number } {
    return this.writer.compressedChunks();
  }

  status(): SaverStatus {
    const c = this.deps.settings.current.continuous;
    let fileBytes = 0;
    try {
      if (this.lastFile) fileBytes = statSync(this.lastFile).size;
    } catch {
      fileBytes = 0;
    }
    // On only once the file exists: a status sent while the writer creates it (a frame, a trailing update) says off.
    return { doSave: !!this.detector && this.file !== '', currentPath: this.file, framesSaved: this.saved, fileBytes, basePath: this.deps.basePath(), baseName: c.baseName, compression: c.compression, level: c.level, error: this.error };
  }

  private trailing: NodeJS.Timeout | undefined;

  /** At most 4 status events a second, and always one after the last change (a trailing update). */
  private publish(force = false): void {
    const now = performance.now();
    const wait = 250 - (now - this.lastStatus);
    if (!force && wait > 0) {
      this.trailing ??= setTimeout(() => {
        this.trailing = undefined;
        this.publish(true);
      }, wait);
      return;
    }
    if (this.trailing) clearTimeout(this.trailing);
    this.trailing = undefined;
    this.lastStatus = now;
    this.deps.onStatus(this.status());
  }

  /** Feeds one document to the writer; its failure turns Do Save off with the error kept in the status. */
  private feed(d: Doc, waitOnlyWhenFull = false): Promise<void> | undefined {
    let r: void | Promise<void>;
    try {
      r = this.writer.callback(d);
    } catch (err) {
      this.fail(err);
      return undefined;
    }
    if (!r) return undefined;
    const handled = r.catch((err: unknown) => this.fail(err));
    // A frame makes acquisition wait only when the writer's queue is full (as a scan point does, backpressure.ts):
    // waiting for every batch to be written would take turns with the writer thread instead of running alongside.
    return waitOnlyWhenFull && !isBackpressure(r) ? undefined : handled;
  }

  private fail(err: unknown): void {
    // The first error is the one that says why; the close that follows may only repeat it.
    if (this.error) return;
    this.error = err instanceof Error ? err.message : String(err);
    this.deps.log?.('error', `Continuous saving stopped: ${this.error}`);
    this.detector = undefined;
    this.publish(true);
    // The file is closed now, not when Do Save is turned off: plain readers (h5py without SWMR) open it at once,
    // and on a full disk the reserve the writer kept is still there for closing it.
    void this.close().catch(() => undefined);
  }

  /** The detector being saved now (undefined when Do Save is off): its settings must not change under an open file. */
  get savingDetector(): string | undefined {
    return this.detector;
  }

  /** Do Save on: a new file for `detector` (`frames`: how many are planned, when known); off: close the current file. */
  async setDoSave(on: boolean, detector?: string, frames?: number): Promise<SaverStatus> {
    await this.closing;
    if (!on) {
      await this.close();
      return this.status();
    }
    if (!detector) throw new DaqError('BAD_ARGUMENTS', 'Say which detector to save (e.g. eiger1).');
    const det = this.deps.instrument.detector(detector);
    await this.close();
    this.error = '';
    this.frames = 0;
    this.saved = 0;
    const inst = this.deps.instrument;
    const labelled = inst.labelledMotors();
    // The same metadata as a scan's entry, with real values: exposure, seed, a scan number, the planned frames.
    const expTime = this.deps.expTime?.(detector) ?? 0;
    const described = describeDetector(det, expTime);
    const scanNumber = this.deps.nextScanNumber?.() ?? 1;
    const seed = this.deps.reseed?.() ?? 0;
    const planned = frames !== undefined && Number.isInteger(frames) && frames > 0 ? frames : null;
    this.entryName = `${scanNumber}.1`;
    this.scanNumber = scanNumber;
    this.savedDetector = detector;
    const start: StartDoc = {
      uid: randomUUID(),
      time: Date.now() / 1000,
      scan_number: scanNumber,
      plan_name: 'continuous_saving',
      plan_args: { detector, exp_time: expTime, frames: planned },
      detectors: [detector],
      motors: [],
      num_points: planned,
      title: `continuous saving ${detector}${planned ? ` ${planned}` : ''} ${expTime}`,
      seed,
      md: this.deps.collectMetadata?.(['PREPARED', 'START'], scanNumber, detector) ?? {},
      positioners_start: Object.fromEntries(labelled.map((m) => [m, inst.motor(m).read()])),
      positioner_units: Object.fromEntries(labelled.map((m) => [m, inst.motor(m).units])),
      app_version: this.deps.appVersion,
      instrument_config: this.deps.instrumentConfigText,
      exp_time: expTime,
    };
    const descriptor: DescriptorDoc = {
      uid: randomUUID(),
      run_start: start.uid,
      time: start.time,
      name: 'primary',
      // The same describe() as a scan's descriptor (instrument/run-devices.ts).
      data_keys: { [detector]: described.key },
      configuration: { [detector]: described.configuration },
    };
    this.uid = start.uid;
    this.descriptorUid = descriptor.uid;
    this.feed({ name: 'start', doc: start });
    const begun = this.feed({ name: 'descriptor', doc: descriptor });
    this.detector = detector;
    if (begun) await begun;
    if (!this.detector) throw new DaqError('IO_ERROR', `Cannot start continuous saving: ${this.error}`);
    this.file = this.writer.written.get(start.uid)?.file ?? '';
    this.lastFile = this.file;
    this.publish(true);
    return this.status();
  }

  /**
   * Every acquired frame; resolves late only when the writer's queue is full. `release` is called once the frame
   * is no longer referenced here: at once when it is not saved, else when the writer has copied it into a batch.
   */
  record(det: Detector, value: DetectorValue, time: number, release?: () => void): Promise<void> | undefined {
    if (det.name !== this.detector) {
      release?.();
      return undefined;
    }
    this.frames += 1;
    const data: Record<string, EventValue> = { [det.name]: value };
    const doc: EventDoc = { uid: '', descriptor: this.descriptorUid, seq_num: this.frames, time, data, timestamps: { [det.name]: time } };
    if (release && typeof value === 'object') this.releases.set(value, release);
    else release?.();
    const r = this.feed({ name: 'event', doc }, true);
    this.publish();
    return r;
  }

  /** Closes the current file; resolves when it is closed (also when another caller started the close). */
  close(): Promise<void> {
    if (!this.uid) return this.closing ?? Promise.resolve();
    const p: Promise<void> = this.closeFile().finally(() => {
      if (this.closing === p) this.closing = undefined;
    });
    this.closing = p;
    return p;
  }

  private async closeFile(): Promise<void> {
    const uid = this.uid;
    this.uid = '';
    const hadError = !!this.error;
    this.detector = undefined;
    // The file being closed is no longer the current path: say so at once, not when the writer has drained.
    // After a write error, only once the file is closed: then its status is final (framesSaved = frames in the
    // file) and any reader may open the file.
    if (!hadError) {
      this.file = '';
      this.publish(true);
    }
    const inst = this.deps.instrument;
    const positionersEnd = Object.fromEntries(inst.labelledMotors().map((m) => [m, inst.motor(m).read()]));
    await this.feed({
      name: 'stop',
      doc: { uid: randomUUID(), run_start: uid, time: Date.now() / 1000, exit_status: hadError ? 'fail' : 'success', reason: this.error, num_events: hadError ? this.saved : this.frames, positioners_end: positionersEnd, md_end: this.deps.collectMetadata?.(['END'], this.scanNumber, this.savedDetector) ?? {} },
    });
    this.file = '';
    this.publish(true);
  }

  async shutdown(): Promise<void> {
    await this.closing;
    await this.close();
    if (this.trailing) clearTimeout(this.trailing);
    await this.writer.close();
  }
}
