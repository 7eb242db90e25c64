// Fuzzes the headless server's HTTP layer the way a hostile local program (or a web page on another local port
// that sets cookies for 127.0.0.1) could: malformed request lines, targets, headers, cookies and WebSocket
// upgrade requests, hand-written and seeded-random. Every case must get an HTTP answer below 500 (malformed
// ones 400), never an exception, and after each case the server must still serve the UI and answer an Api call
// over a fresh WebSocket.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startServer, type RunningServer } from '../../../src/main/server/server.ts';
import { Session } from '../../../src/main/session.ts';
import { rng } from '../../helpers/seeded-random.ts';

let dir: string;
let session: Session;
let server: RunningServer;
let HOST: string;
const SEED = Number(process.env.DAQ_FUZZ_SEED ?? 20261129);

/** Sends raw bytes and resolves with the status code of the answer (0 if the server closed without one). */
function raw(bytes: string | Buffer, what: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const sock = connect(server.port, '127.0.0.1');
    let got = '';
    const deadline = setTimeout(() => {
      sock.destroy();
      reject(new Error(`no answer within 10 s to ${what}`));
    }, 10_000);
    const done = (status: number) => {
      clearTimeout(deadline);
      sock.destroy();
      resolve(status);
    };
    sock.on('data', (d) => {
      got += d.toString('latin1');
      const m = /^HTTP\/1\.1 (\d{3})/.exec(got);
      if (m && got.includes('\r\n\r\n')) done(Number(m[1]));
    });
    sock.on('error', () => undefined);
    sock.on('close', () => done(Number(/^HTTP\/1\.1 (\d{3})/.exec(got)?.[1] ?? 0)));
    sock.write(bytes);
  });
}

const req = (line: string, headers: string[] = [`Host: ${HOST}`]) => `${line}\r\n${headers.join('\r\n')}\r\n\r\n`;
const upgrade = (target: string, extra: string[] = []) =>
  req(`GET ${target} HTTP/1.1`, [`Host: ${HOST}`, 'Connection: Upgrade', 'Upgrade: websocket', 'Sec-WebSocket-Version: 13', 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==', ...extra]);

/** The server still answers: the UI over HTTP and an Api call over a new WebSocket. */
async function stillServing(what: string): Promise<void> {
  expect(await raw(req('GET / HTTP/1.1'), `GET / after ${what}`), `GET / after ${what}`).toBe(200);
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws?token=${server.token}`);
  try {
    await new Promise((res, rej) => (ws.once('open', res), ws.once('error', rej)));
    const reply = await new Promise<Record<string, unknown>>((res) => {
      ws.once('message', (d: Buffer) => res(JSON.parse(d.toString()) as Record<string, unknown>));
      ws.send(JSON.stringify({ id: 1, method: 'getAppInfo', args: [] }));
    });
    expect(reply, `Api after ${what}`).toMatchObject({ id: 1, ok: true });
  } finally {
    ws.terminate();
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'daq-http-fuzz-'));
  const www = join(dir, 'www');
  mkdirSync(www, { recursive: true });
  writeFileSync(join(www, 'index.html'), '<!doctype html><title>DAQ Studio</title>');
  session = new Session({ dataDir: join(dir, 'data'), basePath: join(dir, 'files'), instantMoves: true, transport: 'websocket' });
  server = await startServer({ session, staticDir: www });
  HOST = `127.0.0.1:${server.port}`;
});

afterAll(async () => {
  await server?.close();
  await session?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('HTTP layer fuzz', () => {
  it('answers malformed request targets with 400 (or 404 for a path that is no file) and keeps serving', async () => {
    for (const target of ['//[', '//[::1', '//', '//evil.example/x', '*', 'http://evil.example/', 'x', '/%', '/%E0%A4%A', '/?token=%E0%A4%A', '/ws?token=%']) {
      const status = await raw(req(`GET ${target} HTTP/1.1`), target);
      expect(status, target).toBeLessThan(500);
      if (target.startsWith('//') || target === '*' || target === 'x' || target.startsWith('http')) expect(status, target).toBe(400);
      await stillServing(`GET ${target}`);
    }
  });

  it('survives malformed cookies on every kind of request, including the WebSocket upgrade', async () => {
    const cookies = ['daq_token=%E0%A4%A', 'daq_token=%', 'daq_token', '=', ';;;', 'a=b; daq_token=%zz; c', `daq_token=${'%'.repeat(2000)}`, 'daq_token=\u00ff\u00fe'];
    for (const c of cookies) {
      expect(await raw(req('GET / HTTP/1.1', [`Host: ${HOST}`, `Cookie: ${c}`]), c)).toBeLessThan(500);
      expect(await raw(upgrade('/ws', [`Cookie: ${c}`]), `upgrade with ${c}`)).toBe(401);
      expect(await raw(upgrade(`/ws?token=${server.token}`, [`Cookie: ${c}`]), `tokened upgrade with ${c}`)).toBe(101);
      await stillServing(`Cookie: ${c}`);
    }
  });

  it('survives malformed headers and request lines', async () => {
    const cases: (string | Buffer)[] = [
      req('GET / HTTP/1.1', ['Host: [']),
      req('GET / HTTP/1.1', ['Host:']),
      req('GET / HTTP/1.1', [`Host: ${HOST}`, `Host: ${HOST}`]),
      req('GET / HTTP/1.1', [`Host: ${HOST}`, 'Origin: %']),
      req('GET / HTTP/1.1', [`Host: ${HOST}`, 'Origin: http://[']),
      req('GET / HTTP/1.1', [`Host: ${HOST}`, 'Origin: null']),
      req('GET / HTTP/1.1', [`Host: ${HOST}`, `X-Big: ${'a'.repeat(100_000)}`]),
      req('GET / HTTP/1.1', [`Host: ${HOST}`, 'no colon here']),
      req('GET / HTTP/1.1', [`Host: ${HOST}`, 'Content-Length: -1']),
      req('POST / HTTP/1.1', [`Host: ${HOST}`, 'Transfer-Encoding: chunked']) + 'zz\r\n\r\n',
      req('GET / HTTP/9.9'),
      req('BREW / HTTP/1.1'),
      req('GET /\u0000 HTTP/1.1'),
      req(`GET /${'a'.repeat(20_000)} HTTP/1.1`),
      'garbage\r\n\r\n',
      `\r\n\r\n${req('GET / HTTP/1.1')}`, // blank lines before a request are skipped (RFC 9112), not a hang
      Buffer.from([0x16, 0x03, 0x01, 0x00, 0xff, 0x01, 0x00]), // a TLS ClientHello start
      req('GET / HTTP/1.1', [`Host: ${HOST}\u00ff`]),
    ];
    for (const c of cases) {
      const what = JSON.stringify(String(c).slice(0, 60));
      const status = await raw(c, what);
      expect(status, what).toBeLessThan(500);
      await stillServing(what);
    }
  });

  it('survives malformed WebSocket upgrade requests', async () => {
    // The two of the issue: a target `new URL` refuses, and `daq_token=%` on the upgrade.
    expect(await raw(upgrade('//['), 'upgrade //[')).toBe(400);
    expect(await raw(upgrade('/ws', ['Cookie: daq_token=%']), 'upgrade with daq_token=%')).toBe(401);
    await stillServing('the two upgrades of the issue');
    const cases = [
      upgrade('//['),
      upgrade('//[', [`Cookie: daq_token=%`]),
      upgrade('/ws?token=%'),
      upgrade('/ws?token=%E0%A4%A'),
      upgrade(`/ws?token=x&token=${server.token}`),
      upgrade(`/nope?token=${server.token}`),
      req(`GET /ws?token=${server.token} HTTP/1.1`, [`Host: ${HOST}`, 'Connection: Upgrade', 'Upgrade: websocket']),
      req(`GET /ws?token=${server.token} HTTP/1.1`, [`Host: ${HOST}`, 'Connection: Upgrade', 'Upgrade: websocket', 'Sec-WebSocket-Version: 99', 'Sec-WebSocket-Key: x']),
      req(`GET /ws?token=${server.token} HTTP/1.1`, [`Host: ${HOST}`, 'Connection: Upgrade', 'Upgrade: h2c']),
      upgrade(`/ws?token=${server.token}`, ['Origin: http://[']),
      upgrade(`/ws?token=${server.token}`, ['Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits=99; %%%']),
      upgrade(`/ws?token=${server.token}`, ['Sec-WebSocket-Protocol: ,,,;;']),
      req(`GET /ws?token=${server.token} HTTP/1.1`, ['Connection: Upgrade', 'Upgrade: websocket', 'Sec-WebSocket-Version: 13', 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==']),
    ];
    for (const c of cases) {
      const what = JSON.stringify(c.slice(0, 80));
      const status = await raw(c, what);
      expect(status, what).toBeLessThan(500);
      // Only a request with the right token, Host and a usable handshake may become a socket.
      if (!c.includes(server.token) || /Upgrade: h2c|Version: 99|Origin: http:\/\/\[|token=x&|\/nope/.test(c) || !c.includes('Host:')) expect(status, what).not.toBe(101);
      await stillServing(what);
    }
  });

  it(`survives 80 seeded random mutations of requests and upgrades (seed ${SEED})`, async () => {
    const r = rng(SEED);
    const pick = <T>(a: T[]) => a[Math.floor(r() * a.length)]!;
    const junk = () => {
      const alphabet = ['%', '[', ']', '/', '\\', '?', '#', '=', ';', ':', '@', '\u00ff', '\u00e0', 'a', '0', '%E0', '%A4', '..', ' ', '\t', '"', "'", '\u0000', '\u007f'];
      return Array.from({ length: 1 + Math.floor(r() * 12) }, () => pick(alphabet)).join('');
    };
    for (let i = 0; i < 80; i++) {
      const kind = r();
      let c: string;
      if (kind < 0.3) c = req(`GET /${junk()} HTTP/1.1`);
      else if (kind < 0.5) c = req('GET / HTTP/1.1', [`Host: ${HOST}`, `${pick(['Cookie', 'Origin', 'Host', 'Referer', 'Accept-Language', junk()])}: ${junk()}`]);
      else if (kind < 0.8) c = upgrade(`/ws?token=${pick([junk(), server.token, ''])}`, [`${pick(['Cookie', 'Origin', 'Sec-WebSocket-Key', 'Sec-WebSocket-Version', 'Sec-WebSocket-Extensions'])}: ${junk()}`]);
      else c = upgrade(`/${junk()}`, [`Cookie: daq_token=${junk()}`]);
      const what = `case ${i}: ${JSON.stringify(c.slice(0, 100))}`;
      const status = await raw(c, what);
      expect(status, what).toBeLessThan(500);
      if (i % 4 === 0) await stillServing(what);
    }
    await stillServing('the random cases');
  });
});
