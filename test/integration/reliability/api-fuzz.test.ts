// Fuzzes every Api method over both transports (the dispatcher that IPC uses, and the WebSocket) with random and
// boundary arguments: every call must end in a valid result or a typed error that is not INTERNAL, the backend
// keeps serving, nothing is written outside the session's folders, and no prototype gets polluted.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { METHOD_NAMES, methods } from '../../../src/shared/api.ts';
import { ERROR_CODES } from '../../../src/shared/errors.ts';
import { decodeMessage } from '../../../src/shared/wire-codec.ts';
import { createDispatcher } from '../../../src/main/dispatcher.ts';
import { startServer, type RunningServer } from '../../../src/main/server/server.ts';
import { Session } from '../../../src/main/session.ts';
import { rng } from '../../helpers/seeded-random.ts';

const NASTY: unknown[] = [
  NaN, Infinity, -Infinity, -0, 0, 1, -1, 1e308, -1e308, 5e-324, 2 ** 53, -(2 ** 53), 0.5,
  '', ' ', 'samx', 'det', 'eiger1', '../../../../etc/passwd', '..\\..\\windows\\system32', '/etc/passwd', 'C:\\Windows',
  '__proto__', 'constructor', 'prototype', 'toString', '%00', 'a\u0000b', 'x'.repeat(10_000), '😀'.repeat(100),
  '{"__proto__":{"polluted":1}}', '1e999', 'NaN', 'true', null, true, false, [], [1, 2, 3], {}, { a: 1 },
  JSON.parse('{"__proto__":{"polluted":1}}'), JSON.parse('{"constructor":{"prototype":{"polluted":1}}}'),
  { toString: 'x', valueOf: 'y' }, [[[[[[]]]]]], { type: 'line' }, { type: 'count', n: 1e12 },
];

function randomValue(r: () => number, depth = 0): unknown {
  const k = r();
  if (k < 0.55 || depth > 2) return NASTY[Math.floor(r() * NASTY.length)];
  if (k < 0.7) return (r() - 0.5) * 10 ** Math.floor(r() * 20);
  if (k < 0.8) return Array.from({ length: Math.floor(r() * 4) }, () => randomValue(r, depth + 1));
  const o: Record<string, unknown> = {};
  for (let i = 0; i < Math.floor(r() * 4); i++) o[['type', 'motor', 'start', 'stop', 'steps', 'path', 'name', '__proto__', 'md'][Math.floor(r() * 9)]!] = randomValue(r, depth + 1);
  return o;
}

function randomArgs(r: () => number): unknown {
  const k = r();
  if (k < 0.05) return randomValue(r); // not even a list
  return Array.from({ length: Math.floor(r() * 5) }, () => randomValue(r));
}

// Methods that would legitimately start long work or write into the chosen folders are still fuzzed; the
// session runs with instant moves in a temp folder.
const CALLS_PER_METHOD = 150;
const SEED = Number(process.env.DAQ_FUZZ_SEED ?? 20261122);

let dir: string;
let session: Session;
const cwdBefore = readdirSync(process.cwd()).sort();
const homeDataBefore = existsSync(join(homedir(), 'daq-data'));
let server: RunningServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'daq-fuzz-'));
  session = new Session({ dataDir: join(dir, 'data'), basePath: join(dir, 'files'), instantMoves: true, transport: 'websocket' });
  server = await startServer({ session, staticDir: join(dir, 'www') });
});

afterAll(async () => {
  await server.close();
  await session.close();
  rmSync(dir, { recursive: true, force: true });
});

function checkEnvelope(method: string, args: unknown, env: { ok: boolean; error?: { code: string; message: string } }) {
  const where = `${method}(${JSON.stringify(args)?.slice(0, 200)}) seed ${SEED}`;
  expect(typeof env.ok, where).toBe('boolean');
  if (!env.ok) {
    expect(ERROR_CODES, where).toContain(env.error!.code);
    expect(env.error!.code, `${where}: ${env.error!.message}`).not.toBe('INTERNAL');
    expect(env.error!.message.length, where).toBeGreaterThan(10);
  }
}

describe('Api fuzz', () => {
  it(`gives a typed error or a valid result for ${CALLS_PER_METHOD} random calls of every method (dispatcher / IPC path)`, async () => {
    const r = rng(SEED);
    const dispatch = createDispatcher(session);
    for (const method of METHOD_NAMES) {
      for (let i = 0; i < CALLS_PER_METHOD; i++) {
        const args = randomArgs(r);
        checkEnvelope(method, args, await dispatch(method, args));
      }
    }
    // Unknown and hostile method names too.
    for (const m of ['__proto__', 'constructor', 'toString', '', 'x'.repeat(5000), 'getAppInfo\u0000']) checkEnvelope(m, [], await dispatch(m, []));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await dispatch('getAppInfo', [])).toMatchObject({ ok: true });
  });

  it('does the same over the WebSocket, and the server keeps serving', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws?token=${server.token}`);
    await new Promise((res, rej) => (ws.once('open', res), ws.once('error', rej)));
    const replies = new Map<number, (m: Record<string, unknown>) => void>();
    ws.on('message', (d: Buffer, isBinary: boolean) => {
      const m = decodeMessage(isBinary ? new Uint8Array(d) : d.toString()) as Record<string, unknown>;
      if (typeof m.id === 'number') replies.get(m.id)?.(m);
    });
    const r = rng(SEED + 1);
    let id = 0;
    for (const method of METHOD_NAMES) {
      for (let i = 0; i < CALLS_PER_METHOD / 3; i++) {
        const args = randomArgs(r);
        const myId = ++id;
        const reply = await new Promise<Record<string, unknown>>((res) => {
          replies.set(myId, res);
          ws.send(JSON.stringify({ id: myId, method, args }));
        });
        checkEnvelope(method, args, reply as { ok: boolean });
      }
    }
    // Garbage frames: the server answers BAD_ARGUMENTS (id -1) and goes on.
    for (const junk of ['', '{', 'null', '[]', '{"id":-5}', Buffer.from([0, 1, 2])]) ws.send(junk);
    const alive = await new Promise<Record<string, unknown>>((res) => {
      replies.set(99999, res);
      ws.send(JSON.stringify({ id: 99999, method: 'getAppInfo', args: [] }));
    });
    expect(alive).toMatchObject({ ok: true });
    ws.close();
  }, 180_000); // ~2,000 round trips one after the other: over a minute when both cores are busy

  // #11: prototype-named keys, deep nesting and huge values, in every argument of every method and in the
  // free-form places (md, metadata values, settings layouts, history search), over both transports; after each
  // case the backend still answers, and no prototype changed.
  it('refuses prototype-named keys, deep nesting and huge values in every method, and answers after each case (dispatcher and WebSocket)', async () => {
    const deep = (n: number, open: string, close: string) => `${open.repeat(n)}1${close.repeat(n)}`;
    const hostile: [string, string][] = [
      ['__proto__ key', '{"__proto__": {"polluted": 1}}'],
      ['constructor.prototype', '{"constructor": {"prototype": {"polluted": 1}}}'],
      ['prototype key', '{"a": [{"prototype": 1}]}'],
      ['nested __proto__', `${deep(20, '{"a":', '}').slice(0, -21)}{"__proto__": {"polluted": 1}}${'}'.repeat(20)}`],
      ['5,000-deep object', deep(5000, '{"a":', '}')],
      ['5,000-deep array', deep(5000, '[', ']')],
      ['huge string', JSON.stringify('x'.repeat(4 * 2 ** 20))],
      ['huge array', JSON.stringify(Array.from({ length: 300_000 }, (_, i) => i))],
      ['huge object', JSON.stringify(Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`k${i}`, i])))],
    ];
    // The free-form places, with the hostile value inside otherwise valid arguments.
    const shaped = (m: string, v: string): string[] => {
      switch (m) {
        case 'startScan':
        case 'previewScan':
          return [`[{"type":"count","points":1,"md":${v}}]`, `[{"type":"count","points":1,"md":{"sample":${v}}}]`];
        case 'setMetadata':
          return [`["sample","name",${v}]`];
        case 'updateSettings':
          return [`[{"ui":{"layout":${v}}}]`, `[{"scan":{"lastSetup":${v}}}]`];
        case 'searchHistory':
          return [`[{"md":${v}}]`];
        default:
          return [];
      }
    };
    const cases: { method: string; label: string; json: string }[] = [];
    for (const method of METHOD_NAMES) {
      const arity = Math.max(1, methods[method].args.def.items.length);
      for (const [label, v] of hostile) {
        for (let p = 0; p < arity; p++) cases.push({ method, label: `${label} as argument ${p + 1}`, json: `[${Array.from({ length: arity }, (_, i) => (i === p ? v : '"x"')).join(',')}]` });
        for (const json of shaped(method, v)) cases.push({ method, label: `${label} inside the arguments`, json });
      }
    }
    const dispatch = createDispatcher(session);
    for (const c of cases) {
      const env = await dispatch(c.method, JSON.parse(c.json));
      checkEnvelope(c.method, c.label, env);
      // Every hostile value in a free-form place is refused (not stored, not written).
      if (c.label.includes('inside')) expect(env.ok, `${c.method} ${c.label}`).toBe(false);
      expect(await dispatch('getAppInfo', []), `after ${c.method} ${c.label}`).toMatchObject({ ok: true });
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await session.api.listMetadata()).toEqual([]);

    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws?token=${server.token}`);
    await new Promise((res, rej) => (ws.once('open', res), ws.once('error', rej)));
    const replies = new Map<number, (m: Record<string, unknown>) => void>();
    ws.on('message', (d: Buffer, isBinary: boolean) => {
      const m = decodeMessage(isBinary ? new Uint8Array(d) : d.toString()) as Record<string, unknown>;
      if (typeof m.id === 'number') replies.get(m.id)?.(m);
    });
    let id = 100_000;
    const call = (method: string, argsJson: string) =>
      new Promise<Record<string, unknown>>((res) => {
        const myId = ++id;
        replies.set(myId, res);
        ws.send(`{"id":${myId},"method":${JSON.stringify(method)},"args":${argsJson}}`);
      });
    // Over the wire the huge cases are sent once per method (4 MB each is the transport's work, not the schema's).
    for (const c of cases.filter((x) => !x.label.startsWith('huge') || x.label.endsWith('argument 1'))) {
      checkEnvelope(c.method, c.label, (await call(c.method, c.json)) as { ok: boolean });
      expect(await call('getAppInfo', '[]'), `after ${c.method} ${c.label}`).toMatchObject({ ok: true });
    }
    ws.close();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }, 300_000);

  it('wrote nothing outside the session folders', () => {
    const entries = readdirSync(dir).filter((e) => e !== 'data' && e !== 'files');
    expect(entries).toEqual([]);
    expect(readdirSync(process.cwd()).sort()).toEqual(cwdBefore);
    expect(existsSync(join(homedir(), 'daq-data'))).toBe(homeDataBefore);
  });
});
