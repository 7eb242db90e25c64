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

type Call = { resolve: (v: unknown) => void; reject: (e: unknown) => void; timer: ReturnType<typeof setTimeout> };

/** One bridge's connection: the socket (opened on first use, again after a close), calls awaiting answers, listeners. */
interface Connection {
  readonly url: string;
  readonly pending: Map<number, Call>;
  readonly listeners: Map<string, Set<(p: unknown) => void>>;
  nextId: number;
  socket?: WebSocket;
  opened?: Promise<WebSocket>;
}

/** Takes call `id` out of the pending ones (its timer stopped); undefined when it has already ended. */
function settle(c: Connection, id: number): Pick<Call, 'resolve' | 'reject'> | undefined {
  const p = c.pending.get(id);
  if (!p) return undefined;
  c.pending.delete(id);
  clearTimeout(p.timer);
  return p;
}

/** A message from the server: an event for its listeners, or the answer to a pending call. */
function deliver(c: Connection, data: string | ArrayBuffer): void {
  let msg: { id?: number; event?: string; payload?: unknown } & Envelope<unknown>;
  try {
    msg = decodeMessage(data) as typeof msg;
  } catch {
    return; // not a message of this protocol: ignore it rather than break the page
  }
  if (typeof msg.event === 'string') {
    for (const l of c.listeners.get(msg.event) ?? []) l(msg.payload);
    return;
  }
  const p = typeof msg.id === 'number' ? settle(c, msg.id) : undefined;
  if (!p) return;
  if (msg.ok) p.resolve(msg.value);
  else p.reject(new ApiError(msg.error));
}

/** The open socket, opening it once for all callers; a close fails every pending call and allows a new open. */
function connect(c: Connection): Promise<WebSocket> {
  if (c.opened) return c.opened;
  c.opened = new Promise((resolve, reject) => {
    const ws = new WebSocket(c.url);
    ws.binaryType = 'arraybuffer'; // typed arrays arrive as binary messages (see wire-codec.ts)
    ws.onopen = () => {
      c.socket = ws;
      resolve(ws);
    };
    ws.onerror = () => reject(new ApiError({ code: 'UNAVAILABLE', message: 'Cannot reach the DAQ Studio server. Is `daq serve` still running? Reload the page with the URL it printed.' }));
    ws.onclose = () => {
      c.socket = undefined;
      c.opened = undefined;
      for (const id of [...c.pending.keys()]) settle(c, id)?.reject(new ApiError({ code: 'UNAVAILABLE', message: 'The connection to the DAQ Studio server was lost. Restart `daq serve` and reload.' }));
    };
    ws.onmessage = (e: MessageEvent) => deliver(c, e.data as string | ArrayBuffer);
  });
  return c.opened;
}

/** Calls method `m` over the socket; the answer (or refusal) with its id settles it, or the time limit does. */
async function call(c: Connection, m: string, options: SocketBridgeOptions, given: unknown[]): Promise<unknown> {
  // JSON turns a trailing `undefined` (an optional argument left out) into null, which the schema refuses.
  const args = [...given];
  while (args.length && args[args.length - 1] === undefined) args.pop();
  const ws = c.socket ?? (await connect(c));
  const id = c.nextId++;
  const limit = options.timeoutMs ?? (SLOW_METHODS.has(m) ? SLOW_CALL_TIMEOUT_MS : CALL_TIMEOUT_MS);
  return new Promise((resolve, reject) => {
    // The server answers every call, even a refused one, with its id; a reply that never comes (a frozen
    // backend, a lost message) still ends the call, with a sentence that says what to do.
    const timer = setTimeout(() => {
      settle(c, id)?.reject(new ApiError({ code: 'UNAVAILABLE', message: `${m}: no answer from the DAQ Studio server within ${Math.round(limit / 1000)} s. Check that \`daq serve\` is still running, then try again or reload.` }));
    }, limit);
    c.pending.set(id, { resolve, reject, timer });
    ws.send(encodeMessage({ id, method: m, args })); // typed arrays (a PNG) go as bytes
  });
}

/** Adds a listener for a known event (connecting, so events flow); returns its removal. */
function listen(c: Connection, event: EventName, listener: (p: unknown) => void): () => void {
  if (!EVENT_NAMES.includes(event)) throw new Error(`Unknown event ${event}`);
  let set = c.listeners.get(event);
  if (!set) c.listeners.set(event, (set = new Set()));
  set.add(listener);
  void connect(c).catch(() => undefined);
  return () => set.delete(listener);
}

export function socketBridge(wsUrl: string, options: SocketBridgeOptions = {}): DaqBridge {
  const c: Connection = { url: wsUrl, pending: new Map(), listeners: new Map(), nextId: 1 };
  const api = {} as Record<string, (...args: unknown[]) => Promise<unknown>>;
  for (const m of METHOD_NAMES) api[m] = (...given: unknown[]) => call(c, m, options, given);
  return {
    api: api as Api,
    on<E extends EventName>(event: E, listener: EventListener<E>) {
      return listen(c, event, listener as (p: unknown) => void);
    },
  };
}
