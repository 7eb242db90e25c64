// The renderer's only way to the backend: window.daq (Electron preload) when present, otherwise the headless
// server's WebSocket. Both give the same DaqBridge; failed calls reject with an ApiError carrying code+message.
import { EVENT_NAMES, METHOD_NAMES, type Api, type DaqBridge, type EventListener, type EventName } from '../shared/api.ts';
import type { Envelope, ErrorInfo } from '../shared/errors.ts';
import { decodeMessage, encodeMessage } from '../shared/wire-codec.ts';

export class ApiError extends Error {
  readonly code: string;
  constructor(info: ErrorInfo) {
    super(info.message);
    this.code = info.code;
  }
}

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
  const params = new URLSearchParams(location.search);
  const token = params.get('token') ?? sessionStorage.getItem('daq_token') ?? '';
  if (params.has('token')) {
    sessionStorage.setItem('daq_token', token);
    history.replaceState(null, '', location.pathname); // keep the token out of screenshots and history
  }
  const wsUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws?token=${encodeURIComponent(token)}`;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  let nextId = 1;
  let socket: WebSocket | undefined;
  let opened: Promise<WebSocket> | undefined;

  function connect(): Promise<WebSocket> {
    if (opened) return opened;
    opened = new Promise((resolve, reject) => {
      const ws = new WebSocket(wsUrl);
      ws.binaryType = 'arraybuffer'; // typed arrays arrive as binary messages (see wire-codec.ts)
      ws.onopen = () => {
        socket = ws;
        resolve(ws);
      };
      ws.onerror = () => reject(new ApiError({ code: 'UNAVAILABLE', message: 'Cannot reach the DAQ Studio server. Is `daq serve` still running? Reload the page with the URL it printed.' }));
      ws.onclose = () => {
        socket = undefined;
        opened = undefined;
        for (const p of pending.values()) p.reject(new ApiError({ code: 'UNAVAILABLE', message: 'The connection to the DAQ Studio server was lost. Restart `daq serve` and reload.' }));
        pending.clear();
      };
      ws.onmessage = (e: MessageEvent) => {
        const msg = decodeMessage(e.data as string | ArrayBuffer) as { id?: number; event?: string; payload?: unknown } & Envelope<unknown>;
        if (typeof msg.event === 'string') {
          for (const l of listeners.get(msg.event) ?? []) l(msg.payload);
          return;
        }
        const p = pending.get(msg.id ?? -1);
        if (!p) return;
        pending.delete(msg.id!);
        if (msg.ok) p.resolve(msg.value);
        else p.reject(new ApiError(msg.error));
      };
    });
    return opened;
  }

  const api = {} as Record<string, (...args: unknown[]) => Promise<unknown>>;
  for (const m of METHOD_NAMES) {
    api[m] = async (...given: unknown[]) => {
      // JSON turns a trailing `undefined` (an optional argument left out) into null, which the schema refuses.
      const args = [...given];
      while (args.length && args[args.length - 1] === undefined) args.pop();
      const ws = socket ?? (await connect());
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        ws.send(encodeMessage({ id, method: m, args })); // typed arrays (a PNG) go as bytes
      });
    };
  }
  return {
    api: api as Api,
    on<E extends EventName>(event: E, listener: EventListener<E>) {
      if (!EVENT_NAMES.includes(event)) throw new Error(`Unknown event ${event}`);
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      const l = listener as (p: unknown) => void;
      set.add(l);
      void connect().catch(() => undefined);
      return () => set.delete(l);
    },
  };
}

let bridge: DaqBridge | undefined;

export function getBridge(): DaqBridge {
  bridge ??= window.daq ? fromPreload(window.daq) : fromWebSocket();
  return bridge;
}
