// The composition root: builds one running app — instrument, run engine, metadata, settings, storage
// subscribers, Viewer — and wires the Api from the services by topic (src/main/services/). The Electron window,
// the headless server, the CLI and scripts all drive exactly this.
import { readFileSync } from 'node:fs';
import type { Api, EventListener, EventName, Events } from '../shared/api.ts';
import type { ScanReport, ScanRequest, ParsedScanRequest } from '../shared/scans.ts';
import { RunEngine, type Running } from './acquisition/engine.ts';
import { LiveBatcher } from './acquisition/live.ts';
import { MetadataRegistry } from './acquisition/metadata.ts';
import type { Plan } from './acquisition/plans.ts';
import { ScanNumbers } from './acquisition/scan-numbers.ts';
import { Viewer } from './acquisition/viewer.ts';
import { BasePathPrecedence } from './base-path-precedence.ts';
import { Catalog } from './catalog/catalog.ts';
import { instrumentSeed, openDataFolder } from './data-folder.ts';
import { EventBus } from './event-bus.ts';
import { BrowserReader } from './h5browse/browser-reader.ts';
import { loadInstrumentConfig } from './instrument/config.ts';
import { Instrument } from './instrument/instrument.ts';
import { MotorFollower } from './motor-follower.ts';
import { defaultDataDir, defaultInstrumentFile } from './paths.ts';
import { composeApi } from './services/api.ts';
import { ScanService } from './services/scan.ts';
import { SettingsStore } from './settings.ts';
import { recoverAtStart } from './startup-recovery.ts';
import { ContinuousSaver } from './storage/continuous-saver.ts';
import type { Compression } from './storage/nexus-layout.ts';
import { NexusWriter } from './storage/nexus-writer.ts';
import type { Recovered } from './storage/recovery.ts';
import { ScanAttachments } from './storage/scan-attachments.ts';
import { appVersion } from './version.ts';

export interface SessionOptions {
  dataDir?: string;
  basePath?: string;
  instrumentFile?: string;
  instantMoves?: boolean;
  /** Seeds the instrument's parameters and, counting up, each scan's noise: reproducible runs. */
  seed?: number;
  transport?: 'ipc' | 'websocket' | 'in-process';
  /** Write scans to NeXus files (default true). */
  save?: boolean;
  /** Compression of scan files for this session; default: the Settings panel's. */
  compression?: Compression;
}

export class Session {
  readonly dataDir: string;
  readonly instrumentFile: string;
  readonly instrument: Instrument;
  readonly settings: SettingsStore;
  readonly metadata: MetadataRegistry;
  readonly scanNumbers: ScanNumbers;
  readonly engine: RunEngine;
  readonly transport: 'ipc' | 'websocket' | 'in-process';
  readonly api: Api;
  /** The scan file writer; undefined when the session does not save. */
  readonly writer: NexusWriter | undefined;
  readonly viewer: Viewer;
  readonly catalog: Catalog;
  /** The HDF5 Browser's open files, read in a worker thread with a time budget per read (a damaged file cannot freeze the app). */
  readonly browser = new BrowserReader();
  readonly saver: ContinuousSaver;
  /** Scans a killed process left half-written, repaired when the session opened. */
  recovered: Recovered[] = [];
  /** Problems found while opening (a saved setting refused, stored metadata repaired); the CLI prints them. */
  readonly startupWarnings: string[] = [];
  private readonly bus = new EventBus();
  private readonly basePaths: BasePathPrecedence;
  private readonly follower: MotorFollower;
  private readonly scans: ScanService;
  /** A line for the UI's log and the status bar. */
  readonly log = this.bus.log;

  constructor(opts: SessionOptions = {}) {
    this.dataDir = opts.dataDir ?? defaultDataDir();
    openDataFolder(this.dataDir);
    this.settings = new SettingsStore(this.dataDir);
    if (this.settings.warning) this.startupWarnings.push(this.settings.warning);
    this.basePaths = new BasePathPrecedence(this.settings, opts.basePath, process.env.DAQ_BASE_PATH, this.startupWarnings);
    this.instrumentFile = opts.instrumentFile ?? defaultInstrumentFile();
    this.transport = opts.transport ?? 'in-process';
    this.instrument = new Instrument(loadInstrumentConfig(this.instrumentFile), { instantMoves: opts.instantMoves, seed: opts.seed ?? instrumentSeed(this.dataDir), stateDir: this.dataDir });
    this.metadata = new MetadataRegistry(this.dataDir);
    if (this.metadata.warning) this.startupWarnings.push(this.metadata.warning);
    this.scanNumbers = new ScanNumbers(this.dataDir);
    const configText = readFileSync(this.instrumentFile, 'utf8');
    const version = appVersion().version;
    const basePath = () => this.basePath;
    this.engine = new RunEngine({ instrument: this.instrument, scanNumbers: this.scanNumbers, metadata: this.metadata, appVersion: version, instrumentConfigText: configText, log: this.log });
    const live = new LiveBatcher({
      started: (s) => this.emit('scan.started', s),
      batch: (b) => {
        this.emit('scan.batch', b);
        this.emit('scan.progress', this.engine.scanState());
      },
    });
    this.engine.subscribe(live.callback);
    if (opts.save !== false) {
      const compressionOverride = opts.compression;
      const scanCompression = () => compressionOverride ?? { kind: this.settings.current.scan.compression, level: this.settings.current.scan.level };
      // The writer says where each scan goes with a resource document in the stream (catalog and report read it).
      this.writer = new NexusWriter({ dataDir: this.dataDir, basePath, compression: scanCompression, log: this.log, publish: (d) => this.engine.publish(d) });
      this.engine.subscribe(this.writer.callback);
    }
    this.catalog = new Catalog(this.dataDir);
    this.catalog.onError = (message) => this.log('warn', message);
    this.engine.subscribe(this.catalog.callback);
    this.scanNumbers.addFloor(() => this.catalog.highestScanNumber());
    this.saver = new ContinuousSaver({
      dataDir: this.dataDir,
      basePath,
      settings: this.settings,
      instrument: this.instrument,
      appVersion: version,
      instrumentConfigText: configText,
      expTime: (d) => this.viewer.expTime(d),
      reseed: () => this.viewer.reseed(),
      nextScanNumber: () => this.scanNumbers.next(),
      collectMetadata: (timings, scanNumber, detector) => this.metadata.collect(timings, { scanNumber, planName: 'continuous_saving', motors: [], detectors: [detector] }),
      onStatus: (st) => this.emit('saver.status', st),
      log: this.log,
    });
    this.viewer = new Viewer({ instrument: this.instrument, display: (f) => this.emit('viewer.frame', f), changed: (st) => this.emit('viewer.state', st), record: (det, value, time, _seq, release) => this.saver.record(det, value, time, release), seed: opts.seed });
    this.follower = new MotorFollower(this.instrument, (p) => this.emit('motors.positions', p));
    const attachments = new ScanAttachments(this.writer, this.settings, this.instrumentFile, this.log);
    this.scans = new ScanService({ instrument: this.instrument, engine: this.engine, attachments, bus: this.bus, seed: opts.seed });
    const { transport, dataDir, instrumentFile, instrument, engine, metadata, settings, writer, viewer, saver, catalog, browser, bus, scans, follower } = this;
    this.api = composeApi({ transport, dataDir, instrumentFile, instrument, engine, scans, metadata, settings, basePath: this.basePaths, writer, attachments, viewer, saver, follower, catalog, browser, bus });
  }

  /** Repairs scans a killed process left open (call once, before the first scan). */
  async recover(): Promise<Recovered[]> {
    this.recovered = await recoverAtStart({ dataDir: this.dataDir, basePath: this.basePath, catalog: this.catalog, warnings: this.startupWarnings, log: this.log });
    return this.recovered;
  }

  /** Where data files go now. Precedence: --base-path / DAQ_BASE_PATH, the Settings panel, ~/daq-data. */
  get basePath(): string {
    return this.basePaths.current;
  }

  on<E extends EventName>(event: E, listener: EventListener<E>): () => void {
    return this.bus.on(event, listener);
  }

  emit<E extends EventName>(event: E, payload: Events[E]): void {
    this.bus.emit(event, payload);
  }

  /** Validates a request and builds its plan (relative scans read the motors now). */
  plan(request: ScanRequest): { plan: Plan; req: ParsedScanRequest } {
    return this.scans.plan(request);
  }

  /** Starts a scan; resolves once it has started. The report comes from `running.done` and 'scan.finished'. */
  startScan(request: ScanRequest): Running {
    return this.scans.start(request);
  }

  /** Runs a scan to its end and returns the report. */
  async scan(request: ScanRequest): Promise<ScanReport> {
    return this.scans.start(request).done;
  }

  async close(): Promise<void> {
    await this.scans.close();
    this.follower.stop();
    await this.viewer.stopAll();
    await this.saver.shutdown();
    this.catalog.close();
    await this.browser.dispose();
    this.instrument.close();
    await this.writer?.close();
    this.bus.close();
  }
}

export async function openSession(opts: SessionOptions = {}): Promise<Session> {
  const s = new Session(opts);
  await s.recover();
  return s;
}
