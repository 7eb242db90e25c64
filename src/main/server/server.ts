// The headless server: the same Api over a WebSocket plus the built renderer over HTTP. Loopback only unless
// the caller explicitly allows another host; a token guards every request and socket.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { EVENT_NAMES } from '../../shared/api.ts';
import { decodeMessage, encodeMessage } from '../../shared/wire-codec.ts';
import { createDispatcher } from '../dispatcher.ts';
import { rendererDir } from '../paths.ts';
import type { Session } from '../session.ts';
import { allowedHosts, checkAccess, newToken, TOKEN_COOKIE } from './auth.ts';
import { Request } from './wire.ts';

export interface ServerOptions {
  session: Session;
  host?: string;
  port?: number;
  token?: string;
  /** Folder of the built renderer (index.html). */
  staticDir?: string;
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

function serveStatic(dir: string, req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://x');
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
  createReadStream(file).pipe(res);
}

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const host = opts.host ?? '127.0.0.1';
  const token = opts.token ?? newToken();
  const staticDir = normalize(opts.staticDir ?? rendererDir());
  const dispatch = createDispatcher(opts.session);
  let hosts = new Set<string>();

  const server: Server = createServer((req, res) => {
    securityHeaders(res);
    const verdict = checkAccess(req, token, hosts);
    if (!verdict.ok) {
      res.writeHead(verdict.status, { 'Content-Type': 'text/plain; charset=utf-8' }).end(verdict.reason);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { 'Content-Type': 'text/plain' }).end('Only GET');
      return;
    }
    // The page's own asset requests carry the token as a cookie, set when the tokened URL is opened.
    res.setHeader('Set-Cookie', `${TOKEN_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`);
    if (!existsSync(join(staticDir, 'index.html'))) {
      res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' }).end('The UI is not built. Run `npm run build` once, then reload.');
      return;
    }
    serveStatic(staticDir, req, res);
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 16 * 1024 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    const verdict = checkAccess(req, token, hosts);
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (!verdict.ok || path !== '/ws') {
      const status = verdict.ok ? 404 : verdict.status;
      socket.end(`HTTP/1.1 ${status} ${verdict.ok ? 'Not Found' : 'Refused'}\r\nConnection: close\r\nContent-Type: text/plain\r\n\r\n${verdict.ok ? 'Not found' : verdict.reason}`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  const clients = new Set<WebSocket>();
  const unsubscribers = EVENT_NAMES.map((event) =>
    opts.session.on(event, (payload) => {
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

  wss.on('connection', (ws: WebSocket) => {
    clients.add(ws);
    ws.on('close', () => clients.delete(ws));
    ws.on('error', () => clients.delete(ws));
    ws.on('message', async (data, isBinary) => {
      let msg: unknown;
      try {
        msg = isBinary ? decodeMessage(new Uint8Array(data as Buffer)) : JSON.parse(data.toString());
      } catch {
        msg = undefined;
      }
      const req = Request.safeParse(msg);
      if (!req.success) {
        ws.send(JSON.stringify({ id: -1, ok: false, error: { code: 'BAD_ARGUMENTS', message: 'Messages are JSON {id, method, args}.' } }));
        return;
      }
      const reply = await dispatch(req.data.method, req.data.args);
      if (ws.readyState === ws.OPEN) ws.send(encodeMessage({ id: req.data.id, ...reply }));
    });
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolveListen());
  });
  const port = (server.address() as AddressInfo).port;
  hosts = allowedHosts(host.includes(':') ? `[${host}]` : host, port);
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}/?token=${token}`,
    host,
    port,
    token,
    clientCount: () => clients.size,
    close: async () => {
      for (const u of unsubscribers) u();
      for (const ws of clients) ws.terminate();
      wss.close();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
