// Size (~340 lines): the engine's state machine (pause/resume/stop/abort) and its three run phases belong together.
// The run engine: executes a plan, owns pause / resume / stop / abort, and turns what happens into the
// document stream (start · descriptor · event* · stop) that every writer, exporter and view subscribes to.
//
// Subscribing: `engine.subscribe(cb)` returns an unsubscribe function; delivery, backpressure and the bounded
// waits for subscribers are described in document-fanout.ts. A writer announces where it writes with
// `engine.publish(resource)`; the report takes its file and entry from that resource document.
//
// Semantics: pause takes effect before the next point; stop finishes the current point and ends as "success";
// abort interrupts moves and exposure, discards the unfinished point and ends as "abort". Relative scans move
// their motors back to where they started, whatever the outcome. No event is ever emitted half-read.
import { randomUUID } from 'node:crypto';
import type { Doc, DocumentCallback, EventDoc, ResourceDoc, StopDoc } from '../../shared/documents.ts';
import { DaqError } from '../../shared/errors.ts';
import type { EngineState, ScanReport, ScanState, ScanStatus } from '../../shared/scans.ts';
import type { Detector } from '../instrument/detectors.ts';
import type { Instrument } from '../instrument/instrument.ts';
import { RunDevices } from '../instrument/run-devices.ts';
import { DocumentFanout } from './document-fanout.ts';
import type { MetadataRegistry } from './metadata.ts';
import { RunProgress } from './run-progress.ts';
import { startDocument } from './start-document.ts';
import type { Plan } from './plans.ts';
import type { ScanNumbers } from './scan-numbers.ts';
import { sleep } from './waits.ts';

export interface RunOptions {
  detectors: string[];
  expTime: number;
  md?: Record<string, unknown>;
  seed?: number;
}

export interface EngineDeps {
  instrument: Instrument;
  scanNumbers: ScanNumbers;
  metadata: MetadataRegistry;
  appVersion: string;
  instrumentConfigText: string;
  log?: (level: 'info' | 'warn' | 'error', message: string) => void;
}

class Aborted extends Error {}

/** What the opening of a run hands to the point loop and the closing. */
interface RunContext {
  plan: Plan;
  opts: RunOptions;
  uid: string;
  scanNumber: number;
  devices: RunDevices;
  /** Motors labelled "motor": their positions open and close the run (baseline). */
  labelled: string[];
  scanCtx: { scanNumber: number; planName: string; motors: string[]; detectors: string[] };
  startTime: number;
  descriptorUid: string;
  /** Where a relative scan's motors return to. */
  startSetpoints: Record<string, number>;
  /** Points emitted so far. */
  seq: number;
}

/** The engine yields to the event loop at least this often (ms), so the UI and server stay responsive. */
const YIELD_EVERY_MS = 8;
/** The longest the engine waits for one subscriber at a time. */
export const SUBSCRIBER_TIMEOUT_MS = 60_000;

export interface Running {
  uid: string;
  scanNumber: number;
  /** Resolves with the report when the scan has ended (never rejects). */
  done: Promise<ScanReport>;
}

export class RunEngine {
  private readonly deps: EngineDeps;
  private current:
    | {
        uid: string;
        scanNumber: number;
        plan: Plan;
        controller: AbortController;
        progress: RunProgress;
        /** Where a writer said it writes this run (its resource document). */
        resource?: ResourceDoc;
      }
    | undefined;
  private pauseRequested = false;
  private stopRequested = false;
  private abortReason: string | undefined;
  private failure: string | undefined;
  private resumeWaiter: (() => void) | undefined;
  private _state: EngineState = 'idle';
  lastReport: ScanReport | undefined;
  /** The longest the engine waits for one subscriber at a time (tests shorten it). */
  subscriberTimeoutMs = SUBSCRIBER_TIMEOUT_MS;
  /** Delivers the documents to the subscribers and waits for those that are behind. */
  private readonly fanout: DocumentFanout;

  constructor(deps: EngineDeps) {
    this.deps = deps;
    this.fanout = new DocumentFanout({ fail: (err) => this.fail(err), timeoutMs: () => this.subscriberTimeoutMs, log: deps.log });
  }

  get state(): EngineState {
    return this._state;
  }

  subscribe(cb: DocumentCallback): () => void {
    return this.fanout.subscribe(cb);
  }

  /**
   * A writer announces where it writes the running scan (a resource document). It reaches every subscriber after
   * the document being delivered now, and the report takes its file and entry from it.
   */
  publish(d: Extract<Doc, { name: 'resource' }>): void {
    if (this.current && d.doc.run_start === this.current.uid) this.current.resource = d.doc;
    this.fanout.publish(d);
  }

  scanState(): ScanState {
    const c = this.current;
    if (!c) return { state: 'idle', uid: null, scanNumber: null, planName: null, done: 0, total: null, elapsed: 0, eta: null };
    const total = c.plan.numPoints;
    return { state: this._state, uid: c.uid, scanNumber: c.scanNumber, planName: c.plan.name, done: c.progress.done, total, ...c.progress.times(total) };
  }

  pause(): void {
    this.requireRunning('pause');
    this.pauseRequested = true;
  }

  resume(): void {
    this.requireRunning('resume');
    this.pauseRequested = false;
    this.resumeWaiter?.();
  }

  /** Finish the current point, then end as success. */
  stop(): void {
    this.requireRunning('stop');
    this.stopRequested = true;
    this.resumeWaiter?.();
  }

  /** Interrupt now; the scan ends as abort. */
  abort(reason = 'aborted by the user'): void {
    this.requireRunning('abort');
    this.abortReason = reason;
    this.current!.controller.abort();
    this.resumeWaiter?.();
  }

  private requireRunning(what: string): void {
    if (!this.current) throw new DaqError('BUSY', `No scan is running, so there is nothing to ${what}.`);
  }

  /** Starts a plan; resolves once the start document is out, with the report still to come. */
  start(plan: Plan, opts: RunOptions): Running {
    if (this.current) throw new DaqError('BUSY', `Scan ${this.current.scanNumber} is still running. Stop or abort it first.`);
    const inst = this.deps.instrument;
    const dup = opts.detectors.find((d, i) => opts.detectors.indexOf(d) !== i);
    if (dup !== undefined) throw new DaqError('BAD_ARGUMENTS', `Detector ${dup} is listed twice. Name each detector once.`);
    const detectors = opts.detectors.map((d) => inst.detector(d));
    for (const m of plan.motors) {
      if (inst.motor(m).moving) throw new DaqError('BUSY', `${m} is still moving. Wait until it has arrived (or stop it), then start the scan.`);
    }
    // Every target checked before anything moves.
    for (const [m, [lo, hi]] of Object.entries(plan.extent)) {
      const motor = inst.motor(m);
      motor.check(lo);
      motor.check(hi);
    }
    const scanNumber = this.deps.scanNumbers.next();
    const uid = randomUUID();
    this.current = { uid, scanNumber, plan, controller: new AbortController(), progress: new RunProgress() };
    this.pauseRequested = false;
    this.stopRequested = false;
    this.abortReason = undefined;
    this.failure = undefined;
    this._state = 'running';
    const done = this.execute(plan, detectors, opts, uid, scanNumber);
    return { uid, scanNumber, done };
  }

  /** Runs a plan to its end. */
  async run(plan: Plan, opts: RunOptions): Promise<ScanReport> {
    return this.start(plan, opts).done;
  }

  private fail(err: unknown): void {
    const message = err instanceof Error ? err.message : String(err);
    this.failure ??= message;
    this.current?.controller.abort();
  }

  /**
   * Opening: the start document (baseline positions, metadata) and the descriptor built from the devices'
   * describe(), both published before the first point.
   */
  private open(plan: Plan, detectors: Detector[], opts: RunOptions, uid: string, scanNumber: number): RunContext {
    const inst = this.deps.instrument;
    this.fanout.newRun();
    const devices = new RunDevices(inst, { motors: plan.motors, detectors, expTime: opts.expTime, seed: opts.seed });
    const labelled = inst.labelledMotors();
    const scanCtx = { scanNumber, planName: plan.name, motors: plan.motors, detectors: opts.detectors };
    const startTime = Date.now() / 1000;
    const registry = this.deps.metadata.collect(['PREPARED', 'START'], scanCtx);
    const start = startDocument({ plan, opts, uid, scanNumber, seed: devices.seed, md: { ...registry, ...(opts.md ?? {}) }, startTime, positions: devices.positions(labelled), instrument: inst, labelled, appVersion: this.deps.appVersion, instrumentConfigText: this.deps.instrumentConfigText });
    const { dataKeys, configuration } = devices.describe();
    const descriptorUid = randomUUID();
    this.fanout.emit({ name: 'start', doc: start });
    this.fanout.emit({ name: 'descriptor', doc: { uid: descriptorUid, run_start: uid, time: Date.now() / 1000, name: 'primary', data_keys: dataKeys, configuration } });
    return { plan, opts, uid, scanNumber, devices, labelled, scanCtx, startTime, descriptorUid, startSetpoints: devices.setpoints(), seq: 0 };
  }

  /** The point loop: runs the plan's messages; pause, stop and abort take effect at checkpoints. */
  private async points(run: RunContext): Promise<{ status: ScanStatus; reason: string }> {
    const { plan, devices } = run;
    const signal = this.current!.controller.signal;
    let lastYield = performance.now();
    try {
      for (const msg of plan.body()) {
        if (signal.aborted) throw new Aborted();
        if (msg.type === 'checkpoint') {
          if (this.failure) throw new Aborted();
          if (this.stopRequested) break;
          if (this.pauseRequested) await this.waitWhilePaused(signal);
          if (this.stopRequested) break;
          if (signal.aborted) throw new Aborted();
          const now = performance.now();
          if (this.fanout.blocked) await this.fanout.drain(false, signal);
          if (now - lastYield > YIELD_EVERY_MS) {
            await new Promise<void>((r) => setImmediate(r));
            lastYield = performance.now();
            await this.fanout.drain(false, signal);
          }
          if (signal.aborted) throw new Aborted();
        } else if (msg.type === 'move') {
          const fail = (why: string) => this.fail(new DaqError('UNAVAILABLE', why));
          await devices.move(msg.targets, signal, fail);
          if (signal.aborted) throw new Aborted();
        } else {
          await this.point(run, signal);
        }
      }
    } catch (err) {
      devices.stop();
      if (this.failure) return { status: 'fail', reason: this.failure };
      if (err instanceof Aborted || this.abortReason) return { status: 'abort', reason: this.abortReason ?? 'aborted' };
      return { status: 'fail', reason: err instanceof Error ? err.message : String(err) };
    }
    return this.failure ? { status: 'fail', reason: this.failure } : { status: 'success', reason: '' };
  }

  /**
   * One point. The simulation computes the point during the exposure, so a point takes exp_time however heavy its
   * detectors are (a camera frame takes ~1 ms); an abort during the exposure discards the point.
   */
  private async point(run: RunContext, signal: AbortSignal): Promise<void> {
    const exposureStart = performance.now();
    const data = run.devices.read();
    const rest = run.opts.expTime * 1000 - (performance.now() - exposureStart);
    if (rest > 0) await sleep(rest, signal);
    if (signal.aborted) throw new Aborted();
    const time = Date.now() / 1000;
    const timestamps: Record<string, number> = {};
    for (const k in data) timestamps[k] = time;
    run.seq += 1;
    const ev: EventDoc = { uid: randomUUID(), descriptor: run.descriptorUid, seq_num: run.seq, time, data, timestamps };
    this.fanout.emit({ name: 'event', doc: ev });
    this.current!.progress.point(run.seq);
  }

  /** Closing: a relative scan returns to its start, the stop document, the wait for consumers, the report. */
  private async close(run: RunContext, outcome: { status: ScanStatus; reason: string }): Promise<ScanReport> {
    const { plan, uid, scanNumber, devices } = run;
    let { status, reason } = outcome;
    if (plan.relative) {
      // Back to where the relative scan started, whatever happened.
      try {
        await devices.set(run.startSetpoints);
      } catch (err) {
        reason += `${reason ? '; ' : ''}could not return ${plan.motors.join(', ')} to the start: ${(err as Error).message}`;
      }
    }
    this.deps.instrument.savePositions();
    const endTime = Date.now() / 1000;
    const stop: StopDoc = {
      uid: randomUUID(),
      run_start: uid,
      time: endTime,
      exit_status: status,
      reason,
      num_events: run.seq,
      positioners_end: devices.positions(run.labelled),
      md_end: this.deps.metadata.collect(['END'], run.scanCtx),
    };
    this.fanout.emit({ name: 'stop', doc: stop });
    await this.fanout.drain(true);
    if (this.failure && status !== 'fail') {
      // A consumer failed while finishing (e.g. the last flush): the report says so.
      status = 'fail';
      reason = this.failure;
    }
    const where = this.current?.resource;
    const report: ScanReport = { status, uid, scanNumber, planName: plan.name, numPoints: run.seq, startTime: run.startTime, endTime, elapsed: endTime - run.startTime, file: where?.resource_path ?? '', entry: where?.entry ?? '', reason };
    this.lastReport = report;
    this.current = undefined;
    this._state = 'idle';
    return report;
  }

  private async execute(plan: Plan, detectors: Detector[], opts: RunOptions, uid: string, scanNumber: number): Promise<ScanReport> {
    const run = this.open(plan, detectors, opts, uid, scanNumber);
    return this.close(run, await this.points(run));
  }

  private waitWhilePaused(signal: AbortSignal): Promise<void> {
    this._state = 'paused';
    const progress = this.current!.progress;
    progress.paused();
    return new Promise<void>((resolve) => {
      const done = () => {
        signal.removeEventListener('abort', done);
        progress.resumed();
        this.resumeWaiter = undefined;
        this._state = 'running';
        resolve();
      };
      this.resumeWaiter = done;
      signal.addEventListener('abort', done, { once: true });
      if (!this.pauseRequested || this.stopRequested) done();
    });
  }
}

