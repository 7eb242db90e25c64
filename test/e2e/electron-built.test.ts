// The BUILT main process (out/main/index.js, as packaged) run in plain Node with the `electron` stand-in: it
// opens its window, answers the Api over IPC, finds its built Browser reader (out/main/h5browse-worker.js) and
// gives up on a file that makes h5wasm spin with the documented sentence while still answering, and quitting
// during a scan asks, stops it and closes the file before the app quits.
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let dir: string;
let app: ChildProcess;
let nextId = 1;
const waiting = new Map<number, (m: Record<string, unknown>) => void>();

function send(msg: Record<string, unknown>): Promise<Record<string, unknown>> {
  const id = nextId++;
  return new Promise((resolve) => {
    waiting.set(id, resolve);
    app.send({ ...msg, id });
  });
}

async function ipc(method: string, ...args: unknown[]): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }> {
  const r = await send({ cmd: 'ipc', method, args });
  if (r.error) throw new Error(String(r.error));
  return r.reply as { ok: boolean; value?: unknown };
}

async function until(what: string, cond: () => Promise<boolean>, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const files = (d: string): string[] =>
  existsSync(d) ? readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(d, e.name)) : [join(d, e.name)])) : [];

beforeAll(async () => {
  if (!existsSync(join(process.cwd(), 'out', 'main', 'index.js'))) throw new Error('The app is not built: run `npm run build` (npm test does it for you).');
  dir = mkdtempSync(join(tmpdir(), 'daq-built-main-'));
  app = fork(join(process.cwd(), 'out', 'main', 'index.js'), [], {
    execArgv: ['--import', join(process.cwd(), 'test', 'helpers', 'electron-standin-register.mjs')],
    env: { ...process.env, DAQ_DATA_DIR: join(dir, 'data'), DAQ_BASE_PATH: join(dir, 'files') },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  app.on('message', (m: Record<string, unknown>) => {
    const r = waiting.get(m.id as number);
    waiting.delete(m.id as number);
    r?.(m);
  });
  await until('the window', async () => ((await send({ cmd: 'state' })).calls as string[]).some((c) => c.startsWith('loadURL')));
});

afterAll(async () => {
  if (app && app.exitCode === null) {
    const gone = new Promise((r) => app.once('exit', r));
    app.kill('SIGKILL');
    await gone;
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('the built main process', () => {
  it('takes the single-instance lock and opens one window with DevTools on (not packaged)', async () => {
    const st = await send({ cmd: 'state' });
    expect(st.calls).toEqual(expect.arrayContaining(['requestSingleInstanceLock', 'enableSandbox', 'whenReady']));
    expect(st.windows).toBe(1);
    expect(st.devTools).toBe(true);
    expect(await ipc('getAppInfo')).toMatchObject({ ok: true, value: { name: 'DAQ Studio', transport: 'ipc' } });
  });

  it('reads HDF5 through its built reader thread, and gives up on a file that makes h5wasm spin', async () => {
    expect(await ipc('startScan', { type: 'count', points: 5, expTime: 0.001, detectors: ['det'] })).toMatchObject({ ok: true });
    await until('the scan to end', async () => ((await ipc('getScanState')).value as { state: string }).state === 'idle');
    const scanFile = files(join(dir, 'files')).find((f) => f.endsWith('.h5'))!;
    const cut = join(dir, 'cut.h5');
    writeFileSync(cut, readFileSync(scanFile).subarray(0, 100));
    const good = await ipc('browserOpen', scanFile);
    expect(good).toMatchObject({ ok: true });
    const spin = ipc('browserOpen', cut);
    // The backend answers while the reader thread spins.
    expect(await ipc('getAppInfo')).toMatchObject({ ok: true });
    expect(await spin).toMatchObject({ ok: false, error: { code: 'IO_ERROR', message: expect.stringContaining('cannot be opened: it is damaged or truncated') } });
    const id = (good.value as { id: number }).id;
    expect(await ipc('browserChildren', id, '/')).toMatchObject({ ok: true });
  }, 90_000);

  it('asks before quitting during a scan, then stops it and closes the file before quitting', async () => {
    expect(await ipc('startScan', { type: 'timescan', expTime: 0.01, detectors: ['det'] })).toMatchObject({ ok: true });
    await until('points', async () => ((await ipc('getScanState')).value as { done: number }).done >= 5);
    await send({ cmd: 'close', response: 0 });
    await until('the app to quit', async () => ((await send({ cmd: 'state' })).calls as string[]).includes('quit'));
    const st = await send({ cmd: 'state' });
    expect((st.dialogs as { message: string }[])[0]!.message).toMatch(/Acquisition is running: scan \d+ \(timescan/);
    expect(st.destroyed).toBe(true);
    expect(files(join(dir, 'files')).filter((f) => f.endsWith('.lock'))).toEqual([]);
  });
});
