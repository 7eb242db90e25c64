// Composes one running app — instrument, (later) engine and storage, settings — and implements the Api.
// The Electron window, the headless server, the CLI and scripts all drive exactly this object.
import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import type { Api, EventListener, EventName, Events, MotorPosition, Results } from '../shared/api.ts';
import { loadInstrumentConfig } from './instrument/config.ts';
import { Instrument } from './instrument/instrument.ts';
import { defaultBasePath, defaultDataDir, defaultInstrumentFile } from './paths.ts';
import { DaqError } from '../shared/errors.ts';
import type { SettingsPatch } from '../shared/settings.ts';
import { SettingsStore } from './settings.ts';
import { appVersion } from './version.ts';

export interface SessionOptions {
  dataDir?: string;
  basePath?: string;
  instrumentFile?: string;
  instantMoves?: boolean;
  seed?: number;
  transport?: 'ipc' | 'websocket' | 'in-process';
}

export class Session {
  readonly dataDir: string;
  /** --base-path or DAQ_BASE_PATH: when given, it wins over the Settings panel's base path. */
  private readonly basePathOverride: string | undefined;
  readonly instrumentFile: string;
  readonly instrument: Instrument;
  readonly settings: SettingsStore;
  readonly transport: 'ipc' | 'websocket' | 'in-process';
  private readonly emitter = new EventEmitter();
  private positionTimer: NodeJS.Timeout | undefined;
  readonly api: Api;

  constructor(opts: SessionOptions = {}) {
    this.dataDir = opts.dataDir ?? defaultDataDir();
    try {
      mkdirSync(this.dataDir, { recursive: true });
    } catch (err) {
      throw new DaqError('IO_ERROR', `Cannot create the data folder ${this.dataDir}: ${(err as Error).message}. Choose a writable folder with --data-dir or DAQ_DATA_DIR.`);
    }
    this.settings = new SettingsStore(this.dataDir);
    this.basePathOverride = opts.basePath ?? (process.env.DAQ_BASE_PATH ? defaultBasePath() : undefined);
    this.instrumentFile = opts.instrumentFile ?? defaultInstrumentFile();
    this.transport = opts.transport ?? 'in-process';
    const cfg = loadInstrumentConfig(this.instrumentFile);
    this.instrument = new Instrument(cfg, { instantMoves: opts.instantMoves });
    this.emitter.setMaxListeners(0);
    this.api = this.makeApi();
  }

  /** Where data files go now. Precedence: --base-path / DAQ_BASE_PATH, the Settings panel, ~/daq-data. */
  get basePath(): string {
    return this.basePathOverride ?? (this.settings.current.basePath || defaultBasePath());
  }

  on<E extends EventName>(event: E, listener: EventListener<E>): () => void {
    this.emitter.on(event, listener);
    return () => this.emitter.off(event, listener);
  }

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

  private makeApi(): Api {
    const inst = this.instrument;
    const impl: { [M in keyof Results]: (...args: never[]) => Promise<Results[M]> } = {
      getAppInfo: async () => ({
        ...appVersion(),
        node: process.versions.node,
        platform: `${process.platform}-${process.arch}`,
        transport: this.transport,
        dataDir: this.dataDir,
        basePath: this.basePath,
        instrumentFile: this.instrumentFile,
      }),
      listDevices: async () => inst.list(),
      getDevice: async (name: string) => inst.device(name),
      moveMotor: async (name: string, target: number): Promise<MotorPosition> => {
        const m = inst.motor(name);
        m.check(target);
        const done = m.move(target);
        this.followMotors();
        await done;
        return m.position();
      },
      stopMotor: async (name: string) => {
        const m = inst.motor(name);
        m.stop();
        return m.position();
      },
      getSettings: async () => this.settings.get(),
      updateSettings: async (patch: SettingsPatch) => this.settings.update(patch),
    };
    return impl as unknown as Api;
  }

  async close(): Promise<void> {
    if (this.positionTimer) clearInterval(this.positionTimer);
    this.emitter.removeAllListeners();
  }
}

export async function openSession(opts: SessionOptions = {}): Promise<Session> {
  return new Session(opts);
}
