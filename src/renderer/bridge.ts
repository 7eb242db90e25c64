// The renderer's only way to the backend: window.daq (Electron preload) when present, otherwise the headless
// server's WebSocket. Both give the same DaqBridge; failed calls reject with an ApiError carrying code+message.
import { METHOD_NAMES, type Api, type DaqBridge, type EventName } from '../shared/api.ts';
import type { Envelope } from '../shared/errors.ts';
import { ApiError, socketBridge, takeToken } from './socket-bridge.ts';

export { ApiError };

type RawBridge = {
  api: Record<string, (...args: unknown[]) => Promise<Envelope<unknown>>>;
  on(event: EventName, listener: (payload: unknown) => void): () => void;
  pathForFile?: (file: File) => string;
};

declare global {
  interface Window {
    daq?: RawBridge;
  }
}

function unwrap<T>(env: Envelope<T>): T {
  if (env.ok) return env.value;
  throw new ApiError(env.error);
}

function fromPreload(raw: RawBridge): DaqBridge {
  const api = {} as Record<string, (...args: unknown[]) => Promise<unknown>>;
  for (const m of METHOD_NAMES) api[m] = async (...args: unknown[]) => unwrap(await raw.api[m]!(...args));
  return { api: api as Api, on: (event, listener) => raw.on(event, listener as (p: unknown) => void), pathForFile: raw.pathForFile ? (f) => raw.pathForFile!(f as File) : undefined };
}

function fromWebSocket(): DaqBridge {
  const token = takeToken(location, sessionStorage, history);
  return socketBridge(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws?token=${encodeURIComponent(token)}`);
}

let bridge: DaqBridge | undefined;

export function getBridge(): DaqBridge {
  bridge ??= window.daq ? fromPreload(window.daq) : fromWebSocket();
  return bridge;
}
