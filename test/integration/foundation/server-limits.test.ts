// The headless server's answers and limits: a refused message is answered with its own id (so the UI can match
// it), the UI bridge gives up on a call that gets no answer with a clear error, the number of WebSocket clients
// is capped, and dead clients are dropped by ping/pong.
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { socketBridge, takeToken } from '../../../src/renderer/socket-bridge.ts';
import { startServer, type RunningServer } from '../../../src/main/server/server.ts';
import { Session } from '../../../src/main/session.ts';

let dir: string;
let session: Session;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'daq-limits-'));
  session = new Session({ dataDir: join(dir, 'data'), basePath: join(dir, 'files'), instantMoves: true, transport: 'websocket' });
});

afterAll(async () => {
  await session.close();
  rmSync(dir, { recursive: true, force: true });
});

function open(server: RunningServer): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws?token=${server.token}`);
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`refused ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

function reply(ws: WebSocket, send: string | Buffer): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    ws.once('message', (d: Buffer) => resolve(JSON.parse(d.toString()) as Record<string, unknown>));
    ws.send(send);
  });
}

/** Waits for a condition, polling; fails with `what` after `ms`. */
async function until(what: string, cond: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A client that does the WebSocket handshake and then never answers anything (a vanished laptop). */
function deadClient(server: RunningServer): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect(server.port, '127.0.0.1');
    s.on('error', () => undefined);
    s.once('data', (d) => (d.toString().startsWith('HTTP/1.1 101') ? resolve(s) : reject(new Error(d.toString()))));
    s.write(
      `GET /ws?token=${server.token} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n` +
        'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
    );
  });
}

describe('refused messages and the UI bridge', () => {
  it('answers a message it refuses with the message’s own id whenever it can be read', async () => {
    const server = await startServer({ session, staticDir: join(dir, 'www') });
    const ws = await open(server);
    try {
      expect(await reply(ws, JSON.stringify({ id: 7, method: 'getAppInfo' }))).toMatchObject({ id: 7, ok: false, error: { code: 'BAD_ARGUMENTS' } });
      expect(await reply(ws, JSON.stringify({ id: 8, method: 42, args: [] }))).toMatchObject({ id: 8, ok: false, error: { code: 'BAD_ARGUMENTS' } });
      expect(await reply(ws, JSON.stringify({ id: 9, method: 'x'.repeat(500), args: [] }))).toMatchObject({ id: 9, ok: false });
      // Unreadable ids still get an answer, with id -1.
      expect(await reply(ws, 'not json')).toMatchObject({ id: -1, ok: false, error: { code: 'BAD_ARGUMENTS' } });
      expect(await reply(ws, JSON.stringify({ id: -3, method: 'getAppInfo', args: [] }))).toMatchObject({ id: -1, ok: false });
      expect(await reply(ws, JSON.stringify({ id: 10, method: 'getAppInfo', args: [] }))).toMatchObject({ id: 10, ok: true });
    } finally {
      ws.close();
      await server.close();
    }
  });

  it('the bridge answers calls over the WebSocket, and a call that gets no answer fails with a clear error', async () => {
    const server = await startServer({ session, staticDir: join(dir, 'www') });
    try {
      const good = socketBridge(`ws://127.0.0.1:${server.port}/ws?token=${server.token}`);
      await expect(good.api.getAppInfo()).resolves.toMatchObject({ name: 'DAQ Studio' });
    } finally {
      await server.close();
    }
    // A server that takes the socket and never replies (a frozen backend).
    const silent = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise((r) => silent.once('listening', r));
    try {
      const bridge = socketBridge(`ws://127.0.0.1:${(silent.address() as { port: number }).port}/ws`, { timeoutMs: 300 });
      await expect(bridge.api.getAppInfo()).rejects.toMatchObject({ code: 'UNAVAILABLE', message: expect.stringMatching(/^getAppInfo: no answer from the DAQ Studio server/) });
    } finally {
      for (const c of silent.clients) c.terminate();
      await new Promise((r) => silent.close(r));
    }
  });

  it('takes the token from the URL fragment into sessionStorage and out of the address bar; a reload finds it there', () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    const replaced: string[] = [];
    const hist = { replaceState: (_d: unknown, _t: string, url?: string | URL | null) => void replaced.push(String(url)) };
    expect(takeToken({ hash: '#token=abc_DEF-123', search: '', pathname: '/' }, storage, hist)).toBe('abc_DEF-123');
    expect(replaced).toEqual(['/']);
    expect(store.get('daq_token')).toBe('abc_DEF-123');
    // Reload: the fragment is gone, sessionStorage (this tab, this server's origin) still has it.
    expect(takeToken({ hash: '', search: '', pathname: '/' }, storage, hist)).toBe('abc_DEF-123');
    expect(replaced).toEqual(['/']);
  });
});

describe('connection limits', () => {
  it('caps the number of WebSocket clients with a clear refusal, and takes a new one when a slot frees', async () => {
    const server = await startServer({ session, staticDir: join(dir, 'www'), maxClients: 3 });
    const sockets = [await open(server), await open(server), await open(server)];
    try {
      await expect(open(server)).rejects.toThrow(/refused 503/);
      sockets.shift()!.close();
      await until('a freed slot', () => server.clientCount() === 2);
      sockets.push(await open(server));
      expect(await reply(sockets.at(-1)!, JSON.stringify({ id: 1, method: 'getAppInfo', args: [] }))).toMatchObject({ ok: true });
    } finally {
      for (const s of sockets) s.close();
      await server.close();
    }
  });

  it('drops a client that stops answering pings, and keeps a live one', async () => {
    const server = await startServer({ session, staticDir: join(dir, 'www'), heartbeatMs: 100, maxClients: 2 });
    const live = await open(server);
    const dead = await deadClient(server);
    try {
      expect(server.clientCount()).toBe(2);
      await until('the dead client dropped', () => server.clientCount() === 1);
      // Its slot is free again (maxClients 2), and the live client still works.
      const another = await open(server);
      another.close();
      expect(live.readyState).toBe(WebSocket.OPEN);
      expect(await reply(live, JSON.stringify({ id: 2, method: 'getAppInfo', args: [] }))).toMatchObject({ id: 2, ok: true });
    } finally {
      dead.destroy();
      live.close();
      await server.close();
    }
  });
});
