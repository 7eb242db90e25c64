// The WebSocket half of the renderer's bridge (used when the UI runs in a browser against `daq serve`), and the
// token bootstrap. Free of DOM globals other than WebSocket, so it also runs (and is tested) in plain Node.
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

/** Where the page keeps the token for this tab: it survives a reload, and each server (port) has its own. */
const TOKEN_KEY = 'daq_token';

/**
 * The token bootstrap. `daq serve` prints the URL with the token in the fragment (`#token=…`), which browsers
 * never send to a server nor put in a Referer; no cookie carries it (any other service on the host would get
 * it). The page moves it into sessionStorage and drops it from the address bar, history and screenshots.
 * `?token=` (links printed by older versions) is taken the same way.
 */
export function takeToken(
  loc: { hash: string; search: string; pathname: string },
  storage: { getItem(key: string): string | null; setItem(key: string, value: string): void },
  hist: { replaceState(data: unknown, unused: string, url?: string | null): void },
): string {
  const fromHash = new URLSearchParams(loc.hash.replace(/^#/, '')).get('token');
  const fromQuery = new URLSearchParams(loc.search).get('token');
  const given = fromHash ?? fromQuery;
  if (given !== null) {
    storage.setItem(TOKEN_KEY, given);
    hist.replaceState(null, '', loc.pathname);
    return given;
  }
  return storage.getItem(TOKEN_KEY) ?? '';
}

/** A call that gets no answer fails after this long instead of leaving the UI waiting forever. */
export const CALL_TIMEOUT_MS = 60_000;
/** Methods that may legitimately work for minutes (walking a whole data folder, writing a big export). */
const SLOW_METHODS = new Set<string>(['rebuildCatalog', 'exportSpec', 'exportCsv', 'browserExport']);
const SLOW_CALL_TIMEOUT_MS = 10 * 60_000;

export interface SocketBridgeOptions {
  /** Overrides the per-call time limit (tests). */
  timeoutMs?: number;
}

export function socketBridge(wsUrl: string, options: SocketBridgeOptions = {}): DaqBridge {
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void; timer: ReturnType<typeof setTimeout> }>();
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  let nextId = 1;
  let socket: WebSocket | undefined;
  let opened: Promise<WebSocket> | undefined;

  function settle(id: number): { resolve: (v: unknown) => void; reject: (e: unknown) => void } | undefined {
    const p = pending.get(id);
    if (!p) return undefined;
    pending.delete(id);
    clearTimeout(p.timer);
    return p;
  }

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
        for (const id of [...pending.keys()]) settle(id)?.reject(new ApiError({ code: 'UNAVAILABLE', message: 'The connection to the DAQ Studio server was lost. Restart `daq serve` and reload.' }));
      };
      ws.onmessage = (e: MessageEvent) => {
        let msg: { id?: number; event?: string; payload?: unknown } & Envelope<unknown>;
        try {
          msg = decodeMessage(e.data as string | ArrayBuffer) as typeof msg;
        } catch {
          return; // not a message of this protocol: ignore it rather than break the page
        }
        if (typeof msg.event === 'string') {
          for (const l of listeners.get(msg.event) ?? []) l(msg.payload);
          return;
        }
        const p = typeof msg.id === 'number' ? settle(msg.id) : undefined;
        if (!p) return;
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
      const limit = options.timeoutMs ?? (SLOW_METHODS.has(m) ? SLOW_CALL_TIMEOUT_MS : CALL_TIMEOUT_MS);
      return new Promise((resolve, reject) => {
        // The server answers every call, even a refused one, with its id; a reply that never comes (a frozen
        // backend, a lost message) still ends the call, with a sentence that says what to do.
        const timer = setTimeout(() => {
          settle(id)?.reject(new ApiError({ code: 'UNAVAILABLE', message: `${m}: no answer from the DAQ Studio server within ${Math.round(limit / 1000)} s. Check that \`daq serve\` is still running, then try again or reload.` }));
        }, limit);
        pending.set(id, { resolve, reject, timer });
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

