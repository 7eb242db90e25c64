// Starts `daq serve` in a temp folder and Debian's Chromium (playwright-core) pointed at it. Screenshots go to
// test-results/ as artifacts.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env.DAQ_CHROMIUM ?? '/usr/bin/chromium';
export const ARTIFACTS = join(process.cwd(), 'test-results');

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export interface Served {
  url: string;
  dir: string;
  proc: ChildProcess;
  stop(): Promise<void>;
}

/** Runs `daq serve --json` and resolves with the URL it prints (the token is in its fragment, `#token=…`). Motors
 * move instantly unless `realMoves` (a test that stops a moving motor needs it to take time). */
export async function serve(extraArgs: string[] = [], { realMoves = false }: { realMoves?: boolean } = {}): Promise<Served> {
  if (!existsSync(join(process.cwd(), 'out', 'renderer', 'index.html'))) {
    throw new Error('The UI is not built: run `npm run build` (npm test does it for you).');
  }
  const dir = mkdtempSync(join(tmpdir(), 'daq-e2e-'));
  const proc = spawn(process.execPath, ['bin/daq.mjs', 'serve', '--json', ...(realMoves ? [] : ['--instant-moves']), '--data-dir', join(dir, 'data'), '--base-path', join(dir, 'files'), ...extraArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  proc.stderr!.on('data', (d) => (stderr += d));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    proc.stdout!.on('data', (d) => {
      out += d;
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve((JSON.parse(line) as { url: string }).url);
    });
    proc.once('exit', (code) => reject(new Error(`daq serve exited with ${code}: ${stderr}`)));
  });
  return {
    url,
    dir,
    proc,
    async stop() {
      if (proc.exitCode === null) {
        const exited = new Promise((r) => proc.once('exit', r));
        proc.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs the `daq` CLI on a served app's data folder and base path (instant moves); its stdout, or throws its stderr. */
export function daqCli(dir: string, ...args: string[]): string {
  const r = spawnSync(process.execPath, ['bin/daq.mjs', ...args, '--instant-moves', '--data-dir', join(dir, 'data'), '--base-path', join(dir, 'files')], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout;
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

export async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  return page;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  return path;
}

export interface OpenedApp {
  served: Served;
  browser: Browser;
  page: Page;
  /** Closes Chromium, stops the server and removes its temp folder. */
  close(): Promise<void>;
}

/**
 * The set-up every panel test repeats: `daq serve` in a temp folder, Chromium, one page loaded at the app's URL.
 * `beforeLoad` runs once the server is up and before the page loads (e.g. a scan made with the CLI first).
 */
export async function openApp(opts: { serveArgs?: string[]; beforeLoad?: (served: Served) => void | Promise<void> } = {}): Promise<OpenedApp> {
  const served = await serve(opts.serveArgs);
  let browser: Browser | undefined;
  try {
    await opts.beforeLoad?.(served);
    const b = await launchChromium();
    browser = b;
    const page = await newPage(b);
    await page.goto(served.url);
    return {
      served,
      browser: b,
      page,
      async close() {
        await b.close();
        await served.stop();
      },
    };
  } catch (err) {
    await browser?.close();
    await served.stop();
    throw err;
  }
}
