// The headless server: the same Api over a WebSocket plus the built renderer over HTTP. Loopback only unless
// the caller explicitly allows another host; a token guards the WebSocket (the static UI holds no secret, so it
// needs only the Host check). Nothing a client sends can throw out of here: every parse is total, every handler
// answers 400 rather than crash (docs/reliability.md, test/integration/reliability/http-fuzz.test.ts).
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { EVENT_NAMES } from '../../shared/api.ts';
import { decodeMessage, encodeMessage } from '../../shared/wire-codec.ts';
import { createDispatcher, type Dispatch } from '../dispatcher.ts';
import { rendererDir } from '../paths.ts';
import type { Session } from '../session.ts';
import { allowedHosts, checkAccess, checkOrigin, newToken, parseTarget } from './auth.ts';
import { Request } from './wire.ts';

export interface ServerOptions {
  session: Session;
  host?: string;
  port?: number;
  token?: string;
  /** Folder of the built renderer (index.html). */
  staticDir?: string;
  /** At most this many WebSocket clients at once; one more is refused with 503 (default 32). */
  maxClients?: number;
  /** How often each client is pinged; one that has not answered two pings in a row is dropped (default 15 s). */
  heartbeatMs?: number;
}

export interface RunningServer {
  url: string;
  host: string;
  port: number;
  token: string;
  close(): Promise<void>;
  clientCount(): number;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

/** Events that only refresh a display; a newer one replaces them (see docs/reliability.md). */
const DROPPABLE = new Set<string>(['viewer.frame', 'motors.positions', 'saver.status', 'scan.progress']);
const SLOW_CLIENT_BYTES = 8 * 2 ** 20;

export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host);
}

function securityHeaders(res: ServerResponse): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cache-Control', 'no-store');
  // The page's own <meta> CSP cannot say frame-ancestors; the header can.
  res.setHeader('Content-Security-Policy', "frame-ancestors 'none'");
}

function serveStatic(dir: string, url: URL, res: ServerResponse): void {
  let rel: string;
  try {
    rel = decodeURIComponent(url.pathname);
  } catch {
    res.writeHead(400).end('Bad path');
    return;
  }
  if (rel === '/' || rel === '') rel = '/index.html';
  const file = normalize(join(dir, rel));
  // Never serve anything outside the renderer folder.
  if (!file.startsWith(dir + sep) || !existsSync(file) || !statSync(file).isFile()) {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
    return;
  }
  res.writeHead(200, { 'Content-Type': MIME[extname(file)] ?? 'application/octet-stream' });
  // A file removed between the check and the read ends the response instead of throwing an unhandled error.
  createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
}

/** Reads the id of a message the server refuses, so the client can still match the reply (-1 when unreadable). */
function readableId(msg: unknown): number {
  const id = typeof msg === 'object' && msg !== null ? (msg as { id?: unknown }).id : undefined;
  return typeof id === 'number' && Number.isSafeInteger(id) && id >= 0 ? id : -1;
}

const DEFAULT_MAX_CLIENTS = 32;
const DEFAULT_HEARTBEAT_MS = 15_000;

/** The UI's files over HTTP: Host (and Origin) checked, GET/HEAD only, 503 while the UI is not built. */
function serveHttp(req: IncomingMessage, res: ServerResponse, staticDir: string, hosts: Set<string>): void {
  try {
    securityHeaders(res);
    // The UI files hold no secret: the Host (and Origin) check is all they need; the token guards the socket.
    const verdict = checkOrigin(req, hosts);
    if (!verdict.ok) {
      res.writeHead(verdict.status, { 'Content-Type': 'text/plain; charset=utf-8' }).end(verdict.reason);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { 'Content-Type': 'text/plain' }).end('Only GET');
      return;
    }
    if (!existsSync(join(staticDir, 'index.html'))) {
      res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' }).end('The UI is not built. Run `npm run build` once, then reload.');
      return;
    }
    serveStatic(staticDir, parseTarget(req.url)!, res);
  } catch {
    // Belt and braces: whatever slipped through the parsers is the client's fault, never the end of the server.
    if (!res.headersSent) res.writeHead(400, { 'Content-Type': 'text/plain' });
    res.end('Bad request');
  }
}

/** Every session event to every connected client; returns the unsubscribers. */
function broadcastEvents(session: Session, clients: Set<WebSocket>): (() => void)[] {
  return EVENT_NAMES.map((event) =>
    session.on(event, (payload) => {
      const msg = encodeMessage({ event, payload });
      const droppable = DROPPABLE.has(event);
      for (const ws of clients) {
        if (ws.readyState !== ws.OPEN) continue;
        // A client that does not keep up (a slow network, a frozen tab) skips display-only updates instead of
        // making the server buffer without bound; the scan record (scan.*) always goes out.
        if (droppable && ws.bufferedAmount > SLOW_CLIENT_BYTES) continue;
        ws.send(msg);
      }
    }),
  );
}

/**
 * Dead clients (a laptop put to sleep, a vanished network) are found by ping/pong and dropped, so they neither
 * hold a client slot nor make the server buffer events for them. Two unanswered pings in a row are needed: after
 * a long pause of this thread the timer can run before the pongs that arrived meanwhile are read.
 */
function startHeartbeat(clients: Set<WebSocket>, missed: WeakMap<WebSocket, number>, ms: number): NodeJS.Timeout {
  const heartbeat = setInterval(() => {
    for (const ws of clients) {
      const n = missed.get(ws) ?? 0;
      if (n >= 2) {
        clients.delete(ws);
        ws.terminate();
        continue;
      }
      missed.set(ws, n + 1);
      try {
        ws.ping();
      } catch {
        clients.delete(ws);
        ws.terminate();
      }
    }
  }, ms);
  heartbeat.unref();
  return heartbeat;
}

/** Answers one request message: validated, dispatched, the reply sent if the socket is still open. */
async function answer(ws: WebSocket, data: unknown, isBinary: boolean, dispatch: Dispatch): Promise<void> {
  try {
    let msg: unknown;
    try {
      msg = isBinary ? decodeMessage(new Uint8Array(data as Buffer)) : JSON.parse(String(data));
    } catch {
      msg = undefined;
    }
    const req = Request.safeParse(msg);
    if (!req.success) {
      // The request's own id whenever it can be read, so the client can match the refusal to its call.
      const reply = { id: readableId(msg), ok: false, error: { code: 'BAD_ARGUMENTS', message: 'Messages are JSON {id, method, args}, with id a whole number ≥ 0, method a name and args a list.' } };
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(reply));
      return;
    }
    const reply = await dispatch(req.data.method, req.data.args);
    if (ws.readyState === ws.OPEN) ws.send(encodeMessage({ id: req.data.id, ...reply }));
  } catch {
    // Sending to a socket that closed meanwhile: nothing to answer, and nothing to crash for.
  }
}

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const host = opts.host ?? '127.0.0.1';
  const token = opts.token ?? newToken();
  const staticDir = normalize(opts.staticDir ?? rendererDir());
  const dispatch = createDispatcher(opts.session);
  let hosts = new Set<string>();

  const maxClients = opts.maxClients ?? DEFAULT_MAX_CLIENTS;
  const clients = new Set<WebSocket>();

  const server: Server = createServer((req, res) => serveHttp(req, res, staticDir, hosts));
  // A malformed request line or header is answered 400 and the connection closed (Node's own parser).
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 16 * 1024 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    // A client that resets the connection mid-handshake must not become an unhandled 'error' event.
    socket.on('error', () => socket.destroy());
    const refuse = (status: number, title: string, reason: string) =>
      socket.end(`HTTP/1.1 ${status} ${title}\r\nConnection: close\r\nContent-Type: text/plain\r\n\r\n${reason}`);
    try {
      const verdict = checkAccess(req, token, hosts);
      if (!verdict.ok) return refuse(verdict.status, 'Refused', verdict.reason);
      if (parseTarget(req.url)!.pathname !== '/ws') return refuse(404, 'Not Found', 'Not found');
      if (clients.size >= maxClients) {
        return refuse(503, 'Service Unavailable', `Too many clients: ${maxClients} are connected already. Close a tab that uses this server, then reload.`);
      }
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    } catch {
      refuse(400, 'Bad Request', 'Malformed upgrade request.');
    }
  });

  const unsubscribers = broadcastEvents(opts.session, clients);

  const missed = new WeakMap<WebSocket, number>();
  const heartbeat = startHeartbeat(clients, missed, opts.heartbeatMs ?? DEFAULT_HEARTBEAT_MS);

  wss.on('connection', (ws: WebSocket) => {
    clients.add(ws);
    missed.set(ws, 0);
    ws.on('pong', () => missed.set(ws, 0));
    ws.on('close', () => clients.delete(ws));
    ws.on('error', () => clients.delete(ws));
    ws.on('message', (data, isBinary) => void answer(ws, data, isBinary, dispatch));
  });


  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolveListen());
  });
  const port = (server.address() as AddressInfo).port;
  hosts = allowedHosts(host.includes(':') ? `[${host}]` : host, port);
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    // The token travels in the fragment: browsers never send it to a server nor put it in a Referer.
    url: `http://${urlHost}:${port}/#token=${token}`,
    host,
    port,
    token,
    clientCount: () => clients.size,
    close: async () => {
      clearInterval(heartbeat);
      for (const u of unsubscribers) u();
      for (const ws of clients) ws.terminate();
      wss.close();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
