// The headless server: the token guards the WebSocket (the Api), foreign Origins and Hosts are refused on every
// request, no cookie ever carries the token, and the Api answers over the WebSocket exactly as over IPC.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startServer, type RunningServer } from '../../../src/main/server/server.ts';
import { Session } from '../../../src/main/session.ts';

let dir: string;
let session: Session;
let server: RunningServer;
let base: string;

function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { headers }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

function openSocket(query: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws${query}`, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`refused ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

function call(ws: WebSocket, id: number, method: string, args: unknown): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const onMsg = (data: Buffer) => {
      const msg = JSON.parse(data.toString());
      if (msg.id === id) {
        ws.off('message', onMsg);
        resolve(msg);
      }
    };
    ws.on('message', onMsg);
    ws.send(JSON.stringify({ id, method, args }));
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'daq-server-'));
  const www = join(dir, 'www');
  mkdirSync(join(www, 'assets'), { recursive: true });
  writeFileSync(join(www, 'index.html'), '<!doctype html><title>DAQ Studio</title>');
  writeFileSync(join(www, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(dir, 'secret.txt'), 'secret');
  session = new Session({ dataDir: join(dir, 'data'), basePath: join(dir, 'files'), instantMoves: true, transport: 'websocket' });
  server = await startServer({ session, staticDir: www });
  base = `http://127.0.0.1:${server.port}`;
});

afterAll(async () => {
  await server.close();
  await session.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('daq serve over HTTP', () => {
  it('prints a loopback URL that carries a long random token in the fragment (never sent to a server)', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]{32}$/);
    expect(server.url).not.toContain('?');
  });

  it('serves the UI files, which hold no secret, without a token and never sets a cookie', async () => {
    const r = await get('/');
    expect(r.status).toBe(200);
    expect(r.body).toContain('DAQ Studio');
    expect(r.headers['set-cookie']).toBeUndefined();
    const asset = await get('/assets/app.js');
    expect(asset.status).toBe(200);
    expect(asset.headers['set-cookie']).toBeUndefined();
    // The security headers stay on them.
    expect(r.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY', 'referrer-policy': 'no-referrer', 'cache-control': 'no-store' });
    expect(String(r.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
  });

  it('keeps the Host check on the UI files (DNS rebinding) even without a token', async () => {
    expect((await get('/', { Host: `evil.example:${server.port}` })).status).toBe(421);
    expect((await get('/assets/app.js', { Host: `evil.example:${server.port}` })).status).toBe(421);
  });

  it('refuses a foreign Origin even with the right token', async () => {
    const r = await get(`/?token=${server.token}`, { Origin: 'http://evil.example' });
    expect(r.status).toBe(403);
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const r = await get(`/?token=${server.token}`, { Host: `evil.example:${server.port}` });
    expect(r.status).toBe(421);
  });

  it('never serves files outside the UI folder', async () => {
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt']) {
      const r = await get(`${p}?token=${server.token}`);
      expect(r.body, p).not.toContain('secret');
      expect(r.status, p).toBe(404);
    }
  });
});

describe('daq serve over WebSocket', () => {
  it('refuses a socket without a token or with a wrong one', async () => {
    await expect(openSocket('')).rejects.toThrow(/refused 401/);
    await expect(openSocket('?token=nope')).rejects.toThrow(/refused 401/);
    await expect(openSocket(`?token=${server.token.slice(0, -1)}`)).rejects.toThrow(/refused 401/);
  });

  it('does not take the token from a cookie (cookies are shared by every port of a host)', async () => {
    await expect(openSocket('', { Cookie: `daq_token=${server.token}` })).rejects.toThrow(/refused 401/);
  });

  it('refuses a socket from a foreign Origin (cross-site WebSocket hijacking)', async () => {
    await expect(openSocket(`?token=${server.token}`, { Origin: 'http://evil.example' })).rejects.toThrow(/refused 403/);
  });

  it('answers Api calls with values and typed errors, and keeps serving after bad messages', async () => {
    const ws = await openSocket(`?token=${server.token}`, { Origin: `http://127.0.0.1:${server.port}` });
    try {
      const info = await call(ws, 1, 'getAppInfo', []);
      expect(info).toMatchObject({ id: 1, ok: true, value: { name: 'DAQ Studio', transport: 'websocket' } });
      ws.send('not json');
      ws.send(JSON.stringify({ id: 'x', method: 5 }));
      const bad = await call(ws, 2, 'moveMotor', ['samx', 'far']);
      expect(bad).toMatchObject({ id: 2, ok: false, error: { code: 'BAD_ARGUMENTS' } });
      const unknown = await call(ws, 3, 'rm -rf', []);
      expect(unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
      const devices = await call(ws, 4, 'listDevices', []);
      expect((devices.value as unknown[]).length).toBeGreaterThan(5);
    } finally {
      ws.close();
    }
  });

  it('pushes events to connected clients', async () => {
    const ws = await openSocket(`?token=${server.token}`);
    try {
      const got = new Promise<Record<string, unknown>>((resolve) => {
        ws.on('message', (d: Buffer) => {
          const m = JSON.parse(d.toString());
          if (m.event === 'motors.positions') resolve(m);
        });
      });
      await call(ws, 1, 'moveMotor', ['samz', 1]);
      const ev = await got;
      expect(ev.payload).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'samz' })]));
    } finally {
      ws.close();
    }
  });
});
