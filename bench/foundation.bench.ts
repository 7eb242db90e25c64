// Foundation figures: cold start of the headless app to the first rendered panel in Chromium, and the round
// trip of a small Api call over the WebSocket (and through the dispatcher alone, the floor of any transport).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { createDispatcher } from '../src/main/dispatcher.ts';
import { startServer } from '../src/main/server/server.ts';
import { Session } from '../src/main/session.ts';
import { launchChromium, serve } from '../test/e2e/harness.ts';
import { summarize, type Benchmark, type Figure } from './harness.ts';

async function coldStarts(n: number): Promise<number[]> {
  const times: number[] = [];
  const browser = await launchChromium();
  try {
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      const served = await serve();
      const page = await browser.newPage();
      await page.goto(served.url);
      await page.getByTestId('motor-table').waitFor();
      times.push(performance.now() - t0);
      await page.close();
      await served.stop();
    }
  } finally {
    await browser.close();
  }
  return times;
}

async function wsRoundTrips(n: number): Promise<{ ws: number[]; dispatch: number[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'daq-bench-'));
  const session = new Session({ dataDir: join(dir, 'data'), basePath: join(dir, 'files'), instantMoves: true, transport: 'websocket' });
  const server = await startServer({ session, staticDir: dir });
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws?token=${server.token}`);
  await new Promise((r) => ws.once('open', r));
  const pending = new Map<number, () => void>();
  ws.on('message', (d: Buffer) => pending.get(JSON.parse(d.toString()).id)?.());
  const call = (id: number) =>
    new Promise<void>((resolve) => {
      pending.set(id, resolve);
      ws.send(JSON.stringify({ id, method: 'getDevice', args: ['samx'] }));
    });
  for (let i = 0; i < 100; i++) await call(i); // warm-up
  const wsTimes: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await call(1000 + i);
    wsTimes.push(performance.now() - t0);
  }
  const dispatch = createDispatcher(session);
  const dTimes: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await dispatch('getDevice', ['samx']);
    dTimes.push(performance.now() - t0);
  }
  ws.close();
  await server.close();
  await session.close();
  rmSync(dir, { recursive: true, force: true });
  return { ws: wsTimes, dispatch: dTimes };
}

const bench: Benchmark = {
  name: 'foundation',
  async run(): Promise<Figure[]> {
    const starts = summarize(await coldStarts(5));
    const rt = await wsRoundTrips(1000);
    const ws = summarize(rt.ws);
    const d = summarize(rt.dispatch);
    process.stderr.write('IPC round trip: needs the Electron binary, which cannot be downloaded on this machine; measured on a lab PC only.\n');
    return [
      { metric: 'cold start → first panel (median of 5)', value: starts.median, unit: 'ms' },
      { metric: 'cold start → first panel (worst of 5)', value: starts.p99, unit: 'ms' },
      { metric: 'WebSocket round trip, small call (median of 1000)', value: ws.median, unit: 'ms' },
      { metric: 'WebSocket round trip, small call (p99 of 1000)', value: ws.p99, unit: 'ms' },
      { metric: 'dispatcher alone, small call (median of 1000)', value: d.median * 1000, unit: 'µs' },
      { metric: 'dispatcher alone, small call (p99 of 1000)', value: d.p99 * 1000, unit: 'µs' },
    ];
  },
};
export default bench;
