// The contract between the UI and the backend: every method and event the UI may use, each method with a
// runtime schema for its arguments. One contract, two transports (IPC in Electron, WebSocket in the headless
// server): a method added here appears in both without extra code. No Node or DOM imports in this file.
import { z } from 'zod';
import { SettingsPatch, type Settings } from './settings.ts';

/** Device, detector and scan names: short identifiers, never paths. */
export const Name = z
  .string()
  .min(1, 'a name must not be empty')
  .max(64, 'a name is at most 64 characters')
  .regex(/^[A-Za-z_][A-Za-z0-9_.-]*$/, 'a name starts with a letter or _ and holds letters, digits, _ . -');

/** A finite number: NaN and ±Infinity are refused at the boundary. */
export const Finite = z.number({
  error: (iss) => (iss.input === undefined ? 'a number is required' : `must be a finite number (not NaN or Infinity), got ${typeof iss.input === 'number' ? String(iss.input) : typeof iss.input}`),
});

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
  getAppInfo: method(z.tuple([]), 'Name, version and folders of the running app.'),
  listDevices: method(z.tuple([]), 'Every motor and detector of the instrument.'),
  getDevice: method(z.tuple([Name]), 'One device by name.'),
  moveMotor: method(z.tuple([Name, Finite]), 'Move a motor to an absolute position (refused outside its limits).'),
  stopMotor: method(z.tuple([Name]), 'Stop a moving motor where it is.'),
  getSettings: method(z.tuple([]), 'The persisted settings (base path, continuous saving, scan, UI layout).'),
  updateSettings: method(z.tuple([SettingsPatch]), 'Change some settings; they persist across restarts.'),
} as const;

export type MethodName = keyof typeof methods;
export const METHOD_NAMES = Object.keys(methods) as MethodName[];

export type ArgsOf<M extends MethodName> = z.infer<(typeof methods)[M]['args']>;

/** What each method resolves to. */
export interface Results {
  getAppInfo: AppInfo;
  listDevices: DeviceInfo[];
  getDevice: DeviceInfo;
  moveMotor: MotorPosition;
  stopMotor: MotorPosition;
  getSettings: Settings;
  updateSettings: Settings;
}

/** The Api as the UI sees it: one async function per method. Errors reject with an ApiError. */
export type Api = { [M in MethodName]: (...args: ArgsOf<M>) => Promise<Results[M]> };

// ---- events (backend → UI) ----

export interface Events {
  /** Motor positions changed (sent at most ~30 times a second). */
  'motors.positions': MotorPosition[];
  /** A line for the status bar / log panel. */
  'app.log': { level: 'info' | 'warn' | 'error'; message: string; time: number };
}

export type EventName = keyof Events;
export const EVENT_NAMES: EventName[] = ['motors.positions', 'app.log'];

export type EventListener<E extends EventName> = (payload: Events[E]) => void;

/** The surface the preload exposes as window.daq and the WebSocket bridge implements: the Api plus events. */
export interface DaqBridge {
  api: Api;
  on<E extends EventName>(event: E, listener: EventListener<E>): () => void;
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
