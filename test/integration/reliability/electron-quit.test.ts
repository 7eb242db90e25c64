// The desktop app's main process (src/main/electron/main.ts) run in plain Node with an `electron` stand-in
// (test/helpers/electron-standin.ts): one instance per user (a second launch quits before opening a backend and
// the first window comes to the front), no DevTools when packaged, and quitting while acquiring asks first, then
// stops the scan and continuous saving and waits until the writers closed their files, which plain h5py then
// opens. The bound on that wait is tested on quitSession itself.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { quitSession } from '../../../src/main/shutdown.ts';
import type { Session } from '../../../src/main/session.ts';
import { resetStandin, type FakeWindow, type StandinState } from '../../helpers/electron-standin.ts';
import { python } from '../../helpers/python.ts';

vi.mock('electron', async () => (await import('../../helpers/electron-standin.ts')).electronModule());

let root: string;
const envBefore = { data: process.env.DAQ_DATA_DIR, base: process.env.DAQ_BASE_PATH };

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'daq-electron-main-'));
});

afterAll(() => {
  if (envBefore.data === undefined) delete process.env.DAQ_DATA_DIR;
  else process.env.DAQ_DATA_DIR = envBefore.data;
  if (envBefore.base === undefined) delete process.env.DAQ_BASE_PATH;
  else process.env.DAQ_BASE_PATH = envBefore.base;
  rmSync(root, { recursive: true, force: true });
});

async function until(what: string, cond: () => boolean | Promise<boolean>, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Starts main.ts afresh as one launch of the app, in its own data folder. */
async function launch(name: string, opts: Parameters<typeof resetStandin>[0] = {}): Promise<{ st: StandinState; dataDir: string; basePath: string }> {
  const dataDir = join(root, name, 'data');
  const basePath = join(root, name, 'files');
  process.env.DAQ_DATA_DIR = dataDir;
  process.env.DAQ_BASE_PATH = basePath;
  const st = resetStandin(opts);
  vi.resetModules();
  await import('../../../src/main/electron/main.ts');
  return { st, dataDir, basePath };
}

/** Calls the Api the way the window's preload does (over the stand-in's ipcMain). */
async function ipc(st: StandinState, win: FakeWindow, method: string, ...args: unknown[]): Promise<{ ok: boolean; value?: unknown; error?: { message: string } }> {
  const handler = st.ipc.get(`daq:${method}`);
  if (!handler) throw new Error(`no IPC handler for ${method}`);
  return (await handler({ senderFrame: win.mainFrame, sender: { mainFrame: win.mainFrame } }, ...args)) as { ok: boolean; value?: unknown };
}

async function quitAndWait(st: StandinState, win: FakeWindow): Promise<void> {
  st.dialogResponse = 0;
  win.close();
  await until('the app to quit', () => st.calls.includes('quit') && win.isDestroyed());
}

describe('Electron main process (stand-in)', () => {
  it('a second launch does not get the lock, opens no window and no backend, and quits', async () => {
    const { st, dataDir } = await launch('second', { gotLock: false });
    await new Promise((r) => setImmediate(r));
    expect(st.calls).toContain('requestSingleInstanceLock');
    expect(st.calls).toContain('quit');
    expect(st.calls).not.toContain('whenReady');
    expect(st.windows).toHaveLength(0);
    expect(existsSync(dataDir)).toBe(false); // no session was opened on the data folder
  });

  it('the first instance brings its window to the front when a second launch is made, `daq` works next to it; DevTools are on in a dev build', async () => {
    const { st, dataDir } = await launch('first');
    await until('the window', () => st.windows.length === 1 && st.calls.some((c) => c.startsWith('loadURL')));
    const win = st.windows[0]!;
    expect((win.options.webPreferences as Record<string, unknown>).devTools).toBe(true);
    win.minimized = true;
    st.app.emit('second-instance', {}, ['daq-studio'], '/');
    expect(win.isMinimized()).toBe(false);
    expect(win.focused).toBe(true);
    // The lock is the app's alone: `daq` on the same data folder still works next to it.
    const cli = spawnSync(process.execPath, ['bin/daq.mjs', 'scan', 'count', '--points', '3', '--json', '--instant-moves', '--data-dir', dataDir, '--base-path', join(root, 'first', 'cli-files')], { encoding: 'utf8' });
    expect(cli.status, cli.stderr).toBe(0);
    expect(JSON.parse(cli.stdout)).toMatchObject({ status: 'success', numPoints: 3 });
    await quitAndWait(st, win);
    expect(st.dialogs).toHaveLength(0); // nothing was acquiring: no question
  });

  it('turns DevTools off in a packaged app', async () => {
    const { st } = await launch('packaged', { isPackaged: true });
    await until('the window', () => st.windows.length === 1 && st.calls.some((c) => c.startsWith('loadURL')));
    const win = st.windows[0]!;
    expect((win.options.webPreferences as Record<string, unknown>).devTools).toBe(false);
    await quitAndWait(st, win);
  });

  it('asks before quitting during a scan and continuous saving; Cancel keeps both going; Stop and quit closes the files first', async () => {
    const { st, basePath } = await launch('busy');
    await until('the window', () => st.windows.length === 1 && st.calls.some((c) => c.startsWith('loadURL')));
    const win = st.windows[0]!;
    expect(await ipc(st, win, 'startScan', { type: 'timescan', expTime: 0.01, detectors: ['det'] })).toMatchObject({ ok: true });
    expect(await ipc(st, win, 'setDoSave', true, 'eiger1')).toMatchObject({ ok: true });
    expect(await ipc(st, win, 'viewerGrab', 'eiger1')).toMatchObject({ ok: true });
    await until('points and frames on disk', async () => {
      const scan = (await ipc(st, win, 'getScanState')).value as { done: number };
      const viewer = (await ipc(st, win, 'getViewerState')).value as { saver: { framesSaved: number } };
      return scan.done >= 5 && viewer.saver.framesSaved >= 3;
    });

    st.dialogResponse = 1; // Cancel
    win.close();
    await until('the question', () => st.dialogs.length === 1);
    expect(st.dialogs[0]!.message).toMatch(/scan \d+ \(timescan/);
    expect(st.dialogs[0]!.message).toMatch(/continuous saving/);
    await until('the close to be given up', async () => ((await ipc(st, win, 'getScanState')).value as { state: string }).state === 'running');
    expect(win.isDestroyed()).toBe(false);
    expect(st.calls).not.toContain('quit');

    await quitAndWait(st, win);
    expect(st.dialogs).toHaveLength(2);
    // Every file is closed: no write locks left, and plain h5py (no SWMR, no h5clear) reads the finished scan and
    // the continuous-save file.
    const files: string[] = [];
    const walk = (d: string) => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        if (e.isDirectory()) walk(join(d, e.name));
        else files.push(join(d, e.name));
      }
    };
    walk(basePath);
    expect(files.filter((f) => f.endsWith('.lock'))).toEqual([]);
    const h5 = files.filter((f) => f.endsWith('.h5'));
    expect(h5.length).toBeGreaterThanOrEqual(2);
    const seen = python<{ file: string; entries: { name: string; end_time: boolean }[] }[]>(
      `import h5py, json, sys
out = []
for f in sys.argv[1:]:
    with h5py.File(f, 'r') as h:
        out.append({'file': f, 'entries': [{'name': k, 'end_time': 'end_time' in h[k]} for k in h.keys()]})
print(json.dumps(out))`,
      ...h5,
    );
    for (const f of seen) for (const e of f.entries) expect(e.end_time, `${f.file}::${e.name}`).toBe(true);
  });
});

describe('quitSession', () => {
  it('quits after a bounded wait when the writers do not finish, and says so', async () => {
    const log: string[] = [];
    const stuck = {
      api: {
        getScanState: async () => ({ state: 'running', scanNumber: 3, planName: 'timescan', done: 10 }),
        getViewerState: async () => ({ grabbing: [], saver: { doSave: false, currentPath: '', basePath: '/x' } }),
      },
      close: () => new Promise<void>(() => undefined), // a writer that never finishes
    } as unknown as Session;
    const t0 = Date.now();
    const outcome = await quitSession(stuck, { confirm: async () => true, waitMs: 300, log: (l) => log.push(l) });
    expect(outcome).toMatchObject({ quit: true, closed: false });
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect(log.join('\n')).toMatch(/did not finish within .* quitting anyway\. The next start repairs the files/);
  });

  it('does nothing when the user cancels', async () => {
    let closed = false;
    const busy = {
      api: {
        getScanState: async () => ({ state: 'running', scanNumber: 3, planName: 'line', done: 1 }),
        getViewerState: async () => ({ grabbing: ['eiger1'], saver: { doSave: false, currentPath: '', basePath: '/x' } }),
      },
      close: async () => void (closed = true),
    } as unknown as Session;
    let asked = '';
    expect(await quitSession(busy, { confirm: async (what) => ((asked = what), false) })).toEqual({ quit: false });
    expect(asked).toBe('scan 3 (line, 1 points so far); grabbing eiger1');
    expect(closed).toBe(false);
  });
});
