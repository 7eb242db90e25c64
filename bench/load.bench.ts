// Load: the headless server with 20 WebSocket clients following a ~5,000 points/s scan, plus one client that
// stops reading (a frozen tab). Every following client must receive every point (points lost: 0), and the
// frozen one must not hold the others up.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { startServer } from '../src/main/server/server.ts';
import { Session } from '../src/main/session.ts';
import { decodeMessage } from '../src/shared/wire-codec.ts';
import type { Benchmark, Figure } from './harness.ts';

const CLIENTS = 20;

const bench: Benchmark = {
  name: 'load',
  async run(): Promise<Figure[]> {
    const dir = mkdtempSync(join(tmpdir(), 'daq-bench-load-'));
    const session = new Session({ dataDir: join(dir, 'data'), basePath: join(dir, 'files'), instantMoves: true, transport: 'websocket' });
    const server = await startServer({ session, staticDir: dir });
    const url = `ws://127.0.0.1:${server.port}/ws?token=${server.token}`;
    const received: number[] = new Array(CLIENTS).fill(0);
    const lastAt: number[] = new Array(CLIENTS).fill(0);
    const sockets: WebSocket[] = [];
    try {
      for (let i = 0; i < CLIENTS; i++) {
        const ws = new WebSocket(url);
        await new Promise((r) => ws.once('open', r));
        ws.on('message', (d: Buffer, isBinary: boolean) => {
          const m = decodeMessage(isBinary ? new Uint8Array(d) : d.toString()) as { event?: string; payload?: { seq: number[] } };
          if (m.event === 'scan.batch') {
            received[i] = (received[i] ?? 0) + m.payload!.seq.length;
            lastAt[i] = performance.now();
          }
        });
        sockets.push(ws);
      }
      // The frozen client: connected, never reading.
      const frozen = new WebSocket(url);
      await new Promise((r) => frozen.once('open', r));
      (frozen as unknown as { _socket: { pause(): void } })._socket.pause();

      const t0 = performance.now();
      const report = await session.scan({ type: 'count', points: 50_000, expTime: 0.0002, detectors: ['det', 'diode1', 'monitor'] });
      const seconds = (performance.now() - t0) / 1000;
      await new Promise((r) => setTimeout(r, 500)); // the last batch in flight
      const lost = received.map((n) => report.numPoints - n);
      const lag = Math.max(...lastAt) - Math.min(...lastAt);
      frozen.terminate();
      return [
        { metric: `scan rate with ${CLIENTS} clients following`, value: report.numPoints / seconds, unit: 'pt/s', target: '≈ 5,000', pass: report.numPoints / seconds > 4000 },
        { metric: 'points lost by the worst following client', value: Math.max(...lost), unit: 'points', target: '0', pass: Math.max(...lost) === 0 },
        { metric: 'spread of the last batch arrival across clients', value: lag, unit: 'ms' },
        { metric: 'server RSS at the end', value: process.memoryUsage().rss / 2 ** 20, unit: 'MiB' },
      ];
    } finally {
      for (const ws of sockets) ws.terminate();
      await server.close();
      await session.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
export default bench;
