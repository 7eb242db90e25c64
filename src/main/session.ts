// Composes one running app — instrument, run engine, metadata, settings (and the storage subscribers) — and
// implements the Api. The Electron window, the headless server, the CLI and scripts all drive exactly this.
import { EventEmitter } from 'node:events';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { Api, EventListener, EventName, Events, MotorPosition, Results } from '../shared/api.ts';
import { DaqError } from '../shared/errors.ts';
import type { HistoryQuery } from '../shared/history.ts';
import type { MetadataTiming } from '../shared/metadata.ts';
import { ScanRequest, type ParsedScanRequest, type ScanReport } from '../shared/scans.ts';
import type { SettingsPatch } from '../shared/settings.ts';
import { userValueProblem } from '../shared/user-data.ts';
import { RunEngine, type Running } from './acquisition/engine.ts';
import { LiveBatcher } from './acquisition/live.ts';
import { MetadataRegistry } from './acquisition/metadata.ts';
import { buildPlan, previewPlan, type Plan } from './acquisition/plans.ts';
import { ScanNumbers } from './acquisition/scan-numbers.ts';
import { writeFileAtomic } from './atomic-file.ts';
import { loadInstrumentConfig } from './instrument/config.ts';
import { Instrument } from './instrument/instrument.ts';
import { newSeed } from './instrument/rng.ts';
import { basePathProblem, checkBasePath } from './base-path.ts';
import { defaultBasePath, defaultDataDir, defaultInstrumentFile } from './paths.ts';
import { SettingsStore } from './settings.ts';
import type { CompressionLib } from '../shared/compression.ts';
import type { Compression } from './storage/nexus-layout.ts';
import { NexusWriter } from './storage/nexus-writer.ts';
import { ContinuousSaver } from './storage/continuous-saver.ts';
import { Viewer } from './acquisition/viewer.ts';
import { KILLED_REASON, recoverOpenScans, type Recovered } from './storage/recovery.ts';
import { Catalog } from './catalog/catalog.ts';
import { BrowserReader } from './h5browse/browser-reader.ts';
import { rebuildCatalog } from './catalog/rebuild.ts';
import { readScalars } from './catalog/stored-scan.ts';
import { exportCsv } from './export/csv.ts';
import { exportSpec } from './export/spec.ts';
import { appVersion } from './version.ts';
import { savedPositionsApi } from './instrument/saved-positions.ts';
import { detectorSettingsApi } from './instrument/detector-presets.ts';

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
  /** --base-path or DAQ_BASE_PATH: when given, it wins over the Settings panel's base path. */
  private basePathOverride: string | undefined;
  /** The saved base path failed its checks at start: the default is used until the user chooses another. */
  private savedBasePathRefused = false;
  /** Problems found while opening (a saved setting refused, stored metadata repaired); the CLI prints them. */
  readonly startupWarnings: string[] = [];
  /** The base path the command line (or DAQ_BASE_PATH) gave: it wins again at every start. */
  private readonly startupBasePath: string | null;
  private readonly seed: number | undefined;
  private scansStarted = 0;
  private readonly emitter = new EventEmitter();
  private positionTimer: NodeJS.Timeout | undefined;
  private running: Running | undefined;

  constructor(opts: SessionOptions = {}) {
    this.dataDir = opts.dataDir ?? defaultDataDir();
    try {
      mkdirSync(this.dataDir, { recursive: true });
    } catch (err) {
      throw new DaqError('IO_ERROR', `Cannot create the data folder ${this.dataDir}: ${(err as Error).message}. Choose a writable folder with --data-dir or DAQ_DATA_DIR.`);
    }
    this.settings = new SettingsStore(this.dataDir);
    if (this.settings.warning) this.startupWarnings.push(this.settings.warning);
    // The flag and the variable pass the same checks as the Settings panel (relative to the shell's folder).
    if (opts.basePath !== undefined) this.basePathOverride = checkBasePath(opts.basePath, '--base-path', process.cwd());
    else if (process.env.DAQ_BASE_PATH) this.basePathOverride = checkBasePath(process.env.DAQ_BASE_PATH, 'DAQ_BASE_PATH', process.cwd());
    const saved = this.settings.current.basePath;
    const savedProblem = saved ? basePathProblem(saved, false) : undefined;
    if (savedProblem) {
      this.savedBasePathRefused = true;
      this.startupWarnings.push(`The saved base path cannot be used (${savedProblem}); data goes to ${defaultBasePath()} until you choose another folder in Settings.`);
    }
    this.startupBasePath = this.basePathOverride ?? null;
    this.instrumentFile = opts.instrumentFile ?? defaultInstrumentFile();
    this.transport = opts.transport ?? 'in-process';
    this.seed = opts.seed;
    const cfg = loadInstrumentConfig(this.instrumentFile);
    this.instrument = new Instrument(cfg, { instantMoves: opts.instantMoves, seed: opts.seed ?? this.instrumentSeed(), stateDir: this.dataDir });
    this.metadata = new MetadataRegistry(this.dataDir);
    if (this.metadata.warning) this.startupWarnings.push(this.metadata.warning);
    this.scanNumbers = new ScanNumbers(this.dataDir);
    const configText = readFileSync(this.instrumentFile, 'utf8');
    this.engine = new RunEngine({
      instrument: this.instrument,
      scanNumbers: this.scanNumbers,
      metadata: this.metadata,
      appVersion: appVersion().version,
      instrumentConfigText: configText,
      log: this.log,
    });
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
      const writer = new NexusWriter({
        dataDir: this.dataDir,
        basePath: () => this.basePath,
        compression: () => compressionOverride ?? { kind: this.settings.current.scan.compression, level: this.settings.current.scan.level },
        log: this.log,
      });
      this.writer = writer;
      this.engine.subscribe(writer.callback);
      this.engine.onReport((r) => {
        const w = writer.written.get(r.uid);
        if (w) {
          r.file = w.file;
          r.entry = w.entry;
        }
      });
    }
    // The catalog subscribes after the writer, so it knows each scan's file when the scan stops.
    this.catalog = new Catalog(this.dataDir);
    const writerRef = this.writer;
    this.catalog.locate = (uid) => writerRef?.written.get(uid);
    this.catalog.onError = (message) => this.log('warn', message);
    this.engine.subscribe(this.catalog.callback);
    this.scanNumbers.addFloor(() => this.catalog.highestScanNumber());
    this.saver = new ContinuousSaver({
      dataDir: this.dataDir,
      basePath: () => this.basePath,
      settings: this.settings,
      instrument: this.instrument,
      appVersion: appVersion().version,
      instrumentConfigText: configText,
      expTime: (d) => this.viewer.expTime(d),
      reseed: () => this.viewer.reseed(),
      nextScanNumber: () => this.scanNumbers.next(),
      collectMetadata: (timings, scanNumber, detector) => this.metadata.collect(timings, { scanNumber, planName: 'continuous_saving', motors: [], detectors: [detector] }),
      onStatus: (st) => this.emit('saver.status', st),
      log: this.log,
    });
    this.viewer = new Viewer({
      instrument: this.instrument,
      display: (f) => this.emit('viewer.frame', f),
      record: (det, value, time) => this.saver.record(det, value, time),
      seed: opts.seed,
    });
    this.emitter.setMaxListeners(0);
    this.api = this.makeApi();
  }

  /** The instrument's "sample": detector parameters drawn from a seed kept in the data dir, stable across restarts. */
  private instrumentSeed(): number {
    const file = join(this.dataDir, 'instrument_seed.json');
    try {
      if (existsSync(file)) {
        const v = (JSON.parse(readFileSync(file, 'utf8')) as { seed?: unknown }).seed;
        if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return v;
      }
    } catch {
      // unreadable: draw a new one below
    }
    const seed = newSeed();
    try {
      writeFileAtomic(file, JSON.stringify({ seed }));
    } catch {
      // a read-only data dir still gets a working instrument
    }
    return seed;
  }

  /** Repairs scans a killed process left open (call once, before the first scan). */
  async recover(): Promise<Recovered[]> {
    for (const w of this.startupWarnings) this.log('warn', w);
    this.recovered = await recoverOpenScans(this.dataDir);
    for (const r of this.recovered) {
      if (!r.problem) this.catalog.markFailed(r.uid, KILLED_REASON, r.points, r.file, r.entry);
      this.log(r.problem ? 'error' : 'warn', r.problem ? `Could not repair an interrupted scan: ${r.problem}` : `Repaired interrupted scan ${r.entry} in ${r.file}: ${r.points} point(s) kept, marked as failed.`);
    }
    if (this.catalog.replacedCorrupt) {
      const rep = await rebuildCatalog(this.catalog, this.basePath);
      this.log('warn', `The catalog was damaged; it was moved to ${this.catalog.replacedCorrupt} and rebuilt from ${rep.files} file(s) (${rep.scans} scans).`);
    }
    return this.recovered;
  }

  /** Where data files go now. Precedence: --base-path / DAQ_BASE_PATH, the Settings panel, ~/daq-data. */
  get basePath(): string {
    return this.basePathOverride ?? ((!this.savedBasePathRefused && this.settings.current.basePath) || defaultBasePath());
  }

  on<E extends EventName>(event: E, listener: EventListener<E>): () => void {
    this.emitter.on(event, listener);
    return () => this.emitter.off(event, listener);
  }

  /** A line for the UI's log and the status bar. */
  readonly log = (level: 'info' | 'warn' | 'error', message: string): void => {
    this.emit('app.log', { level, message, time: Date.now() / 1000 });
  };

  emit<E extends EventName>(event: E, payload: Events[E]): void {
    this.emitter.emit(event, payload);
  }

  /** While any motor moves, publish positions at ~20 Hz; one last update when all have stopped. */
  private followMotors(): void {
    if (this.positionTimer) return;
    this.positionTimer = setInterval(() => {
      const positions = [...this.instrument.motors.values()].map((m) => m.position());
      this.emit('motors.positions', positions);
      if (!positions.some((p) => p.moving)) {
        clearInterval(this.positionTimer);
        this.positionTimer = undefined;
      }
    }, 50);
  }

  private readonly screenshots = new Map<string, number>();

  private requireWriter(): NexusWriter {
    if (!this.writer) throw new DaqError('UNAVAILABLE', 'This session does not save files (started with saving off).');
    return this.writer;
  }

  /** Validates a request and builds its plan (relative scans read the motors now). */
  plan(request: ScanRequest): { plan: Plan; req: ParsedScanRequest } {
    const parsed = ScanRequest.safeParse(request);
    if (!parsed.success) {
      const i = parsed.error.issues[0]!;
      throw new DaqError('BAD_ARGUMENTS', `scan request: ${i.path.join('.') || 'request'}: ${i.message}.`);
    }
    const req = parsed.data;
    this.syncMotors();
    const plan = buildPlan(req, (m) => this.instrument.motor(m).setpoint);
    return { plan, req };
  }

  /** Picks up motor moves another process (`daq move`) made, unless a scan drives the motors now. */
  private syncMotors(): void {
    if (this.engine.state === 'idle') this.instrument.syncPositions();
  }

  /** Starts a scan; resolves once it has started. The report comes from `running.done` and 'scan.finished'. */
  startScan(request: ScanRequest): Running {
    const { plan, req } = this.plan(request);
    const detectors = req.detectors ?? [...this.instrument.detectors.values()].filter((d) => d.info().ndim === 0).map((d) => d.name);
    // No detector at all is a valid scan: it records the point times (and the motors' positions) only.
    const seed = req.seed ?? (this.seed !== undefined ? (this.seed + this.scansStarted) >>> 0 : undefined);
    const started = this.engine.start(plan, { detectors, expTime: req.expTime, md: req.md, seed });
    this.scansStarted += 1;
    const running: Running = {
      ...started,
      done: started.done.then(async (report) => {
        // The dataset keeps the settings the scan ran with (scan request, saving, panels), as JSON.
        if (this.writer && report.file) {
          const settings = JSON.stringify({ request: req, settings: this.settings.get(), instrument_file: this.instrumentFile }, null, 1);
          await this.writer.attach(report.file, `${report.entry}/daq_settings`, settings, { format: 'json', description: 'DAQ Studio settings of this scan' }).catch((err: unknown) => {
            this.log('warn', `Could not store the settings in ${report.file}: ${(err as Error).message}`);
          });
        }
        if (this.running === running) this.running = undefined;
        this.emit('scan.finished', report);
        return report;
      }),
    };
    this.running = running;
    return running;
  }

  /** Runs a scan to its end and returns the report. */
  async scan(request: ScanRequest): Promise<ScanReport> {
    return this.startScan(request).done;
  }

  private makeApi(): Api {
    const inst = this.instrument;
    const engine = this.engine;
    const impl: { [M in keyof Results]: (...args: never[]) => Promise<Results[M]> } = {
      getAppInfo: async () => ({
        ...appVersion(),
        node: process.versions.node,
        platform: `${process.platform}-${process.arch}`,
        transport: this.transport,
        dataDir: this.dataDir,
        basePath: this.basePath,
        startupBasePath: this.startupBasePath,
        instrumentFile: this.instrumentFile,
      }),
      listDevices: async () => (this.syncMotors(), inst.list()),
      getDevice: async (name: string) => (this.syncMotors(), inst.device(name)),
      moveMotor: async (name: string, target: number): Promise<MotorPosition> => {
        if (engine.state !== 'idle') throw new DaqError('BUSY', `A scan is running; ${name} moves when it has ended (or stop it first).`);
        this.syncMotors();
        const m = inst.motor(name);
        m.check(target);
        const done = m.move(target);
        this.followMotors();
        await done;
        inst.savePositions();
        return m.position();
      },
      stopMotor: async (name: string) => {
        const m = inst.motor(name);
        m.stop();
        inst.savePositions();
        return m.position();
      },
      getSettings: async () => this.settings.get(),
      updateSettings: async (patch: SettingsPatch) => {
        // A base path is checked (real folder, writable) before it is saved; it is stored normalized.
        if (patch.basePath) patch = { ...patch, basePath: checkBasePath(patch.basePath, 'base path') };
        const next = this.settings.update(patch);
        if (patch.basePath !== undefined) this.savedBasePathRefused = false;
        // A base path chosen in the app now wins over the one the app was started with.
        if (patch.basePath !== undefined) this.basePathOverride = undefined;
        return next;
      },
      startScan: async (req: ScanRequest) => {
        const r = this.startScan(req);
        return { uid: r.uid, scanNumber: r.scanNumber };
      },
      previewScan: async (req: ScanRequest) => previewPlan(this.plan(req).plan),
      pauseScan: async () => (engine.pause(), engine.scanState()),
      resumeScan: async () => (engine.resume(), engine.scanState()),
      stopScan: async () => (engine.stop(), engine.scanState()),
      abortScan: async () => (engine.abort(), engine.scanState()),
      getScanState: async () => engine.scanState(),
      getLastReport: async () => engine.lastReport ?? null,
      listMetadata: async () => this.metadata.list(),
      setMetadata: async (category: string, name: string, value: unknown, timing?: MetadataTiming) => {
        // Keys, depth and size first (a deep value would overflow JSON.stringify), then values must survive a
        // JSON round trip (they are stored and written to files).
        const problem = userValueProblem(value);
        if (problem) throw new DaqError('BAD_ARGUMENTS', `metadata ${category}/${name}: ${problem}.`);
        const json = JSON.stringify(value ?? null);
        if (json.length > 64 * 1024) throw new DaqError('BAD_ARGUMENTS', `metadata ${category}/${name}: the value is ${json.length} bytes; keep it under 64 kB.`);
        return this.metadata.set(category, name, JSON.parse(json), timing);
      },
      removeMetadata: async (category: string, name: string) => (this.metadata.remove(category, name), this.metadata.list()),
      getDataset: async () => ({ file: this.requireWriter().currentDataset() }),
      newDataset: async () => {
        if (engine.state !== 'idle') throw new DaqError('BUSY', 'A scan is running; start a new dataset when it has ended.');
        return { file: this.requireWriter().newDataset() };
      },
      attachScreenshot: async (uid: string, png: Uint8Array) => {
        const w = this.requireWriter().written.get(uid);
        if (!w) throw new DaqError('NOT_FOUND', `No scan ${uid} was written by this session; screenshots go into the file of a scan that just ran.`);
        if (png.byteLength < 8 || png[0] !== 0x89 || png[1] !== 0x50 || png[2] !== 0x4e || png[3] !== 0x47) throw new DaqError('BAD_ARGUMENTS', 'The screenshot is not a PNG image.');
        const existing = (this.screenshots.get(uid) ?? 0) + 1;
        this.screenshots.set(uid, existing);
        const path = `${w.entry}/screenshots/plot_${existing}`;
        await this.requireWriter().attach(w.file, path, png, { mime_type: 'image/png', description: 'The scan plot as shown in DAQ Studio when the scan ended.' });
        return { file: w.file, path };
      },
      viewerSnap: async (name: string) => this.viewer.snap(name),
      viewerGrab: async (name: string) => {
        void this.viewer.grab(name).catch((err: unknown) => this.log('error', `Grab of ${name} stopped: ${(err as Error).message}`));
        return { grabbing: this.viewer.grabbing() };
      },
      viewerStop: async (name: string) => {
        this.instrument.detector(name);
        const frames = await this.viewer.stop(name);
        return { frames, grabbing: this.viewer.grabbing() };
      },
      viewerSetExposure: async (name: string, seconds: number) => (this.viewer.setExpTime(name, seconds), { detector: name, exposure: seconds }),
      getViewerState: async () => {
        // The Viewer is open: get the saver's writer thread ready, so Do Save answers at once (within 200 ms).
        void this.saver.warm();
        return {
          grabbing: this.viewer.grabbing(),
          exposures: Object.fromEntries([...this.instrument.detectors.keys()].map((d) => [d, this.viewer.expTime(d)])),
          saver: this.saver.status(),
        };
      },
      setSaverOptions: async (o: { baseName?: string; compression?: CompressionLib; level?: number }) => {
        this.settings.update({ continuous: o });
        const st = this.saver.status();
        this.emit('saver.status', st);
        return st;
      },
      setDoSave: async (on: boolean, detector?: string) => this.saver.setDoSave(on, detector),
      searchHistory: async (q: HistoryQuery) => this.catalog.search(q),
      getScan: async (ref: string) => this.catalog.resolve(ref),
      readScanColumns: async (ref: string) => readScalars(this.catalog.resolve(ref)),
      rebuildCatalog: async () => rebuildCatalog(this.catalog, this.basePath),
      exportSpec: async (refs: string[], file: string, append: boolean, overwrite?: boolean) => exportSpec(refs.map((r) => this.catalog.resolve(r)), checkOutputPath(file), append, appVersion().version, overwrite === true),
      exportCsv: async (ref: string, file: string, overwrite?: boolean) => exportCsv(this.catalog.resolve(ref), checkOutputPath(file), overwrite === true),
      listFolders: async (path: string) => listFolders(path),
      ...savedPositionsApi({ dataDir: this.dataDir, instrument: inst, busy: () => engine.state !== 'idle', sync: () => this.syncMotors(), follow: () => this.followMotors() }),
      ...detectorSettingsApi({ dataDir: this.dataDir, instrument: inst, exposure: (d) => this.viewer.expTime(d), setExposure: (d, t) => this.viewer.setExpTime(d, t), busy: () => engine.state !== 'idle', savingDetector: () => this.saver.savingDetector }),
      browserOpen: async (file: string) => this.browser.open(file),
      browserFiles: async () => this.browser.list(),
      browserClose: async (id: number) => (this.browser.close(id), this.browser.list()),
      browserRefresh: async (id: number) => this.browser.refresh(id),
      browserChildren: async (id: number, path: string) => this.browser.children(id, path),
      browserSearch: async (id: number, text: string) => this.browser.search(id, text),
      browserInfo: async (id: number, path: string) => this.browser.info(id, path),
      browserSlice: async (id: number, path: string, ranges: ([number, number] | null)[]) => this.browser.slice(id, path, ranges),
      browserEnvelope: async (id: number, path: string, from: number, to: number, buckets: number) => this.browser.envelope(id, path, from, to, buckets),
      browserDefaultPlot: async (id: number, path: string) => this.browser.defaultPlot(id, path),
      browserExport: async (id: number, paths: string[], ranges: ([number, number] | null)[], format: 'csv' | 'npy', file: string) => this.browser.exportSelection(id, paths, ranges, format, checkOutputPath(file)),
    };
    return impl as unknown as Api;
  }

  async close(): Promise<void> {
    if (this.running) {
      try {
        this.engine.abort('the app is closing');
      } catch {
        // ended meanwhile
      }
      await this.running.done;
    }
    if (this.positionTimer) clearInterval(this.positionTimer);
    await this.viewer.stopAll();
    await this.saver.shutdown();
    this.catalog.close();
    await this.browser.dispose();
    this.instrument.close();
    await this.writer?.close();
    this.emitter.removeAllListeners();
  }
}

/** The folder and file pickers: sub-folders and HDF5 files of an absolute folder (hidden ones left out), and its parent. */
function listFolders(path: string): { path: string; parent: string | null; folders: string[]; files: string[]; requested: string } {
  if (!isAbsolute(path)) throw new DaqError('BAD_ARGUMENTS', `Give an absolute folder path (got "${path}").`);
  const requested = resolve(path);
  // A base path that does not exist yet (fresh set-up, a newly typed folder) opens at its nearest existing parent,
  // so the picker still opens; the caller sees which folder was asked for.
  let dir = requested;
  while (!existsSync(dir) && dirname(dir) !== dir) dir = dirname(dir);
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    throw new DaqError('NOT_FOUND', `Cannot list ${dir}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}. Choose another folder.`);
  }
  const folders = entries.filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name).sort((a, b) => a.localeCompare(b)).slice(0, 2000);
  const files = entries.filter((e) => e.isFile() && /\.(h5|hdf5|hdf|nxs|nx5|he5)$/i.test(e.name)).map((e) => e.name).sort((a, b) => a.localeCompare(b)).slice(0, 2000);
  const parent = dirname(dir);
  return { path: dir, parent: parent === dir ? null : parent, folders, files, requested };
}

/** Export targets: absolute paths to a regular file name, never into the app's own folders by accident. */
function checkOutputPath(file: string): string {
  if (!isAbsolute(file)) throw new DaqError('BAD_ARGUMENTS', `Give the output file as an absolute path (got "${file}").`);
  return file;
}

export async function openSession(opts: SessionOptions = {}): Promise<Session> {
  const s = new Session(opts);
  await s.recover();
  return s;
}
