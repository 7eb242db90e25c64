// The UI in real Chromium against `daq serve`: it shows the backend's device list and version, switches panels
// by click and keyboard, moves a motor, and shows the backend's refusal in the error banner.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, newPage, screenshot, serve, type Served } from './harness.ts';

let served: Served;
let browser: Browser;
let page: Page;
const consoleErrors: string[] = [];

beforeAll(async () => {
  served = await serve();
  browser = await launchChromium();
  page = await newPage(browser);
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  await page.goto(served.url);
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

describe('app shell in Chromium', () => {
  it('shows the instrument device list from the backend', async () => {
    await page.getByTestId('motor-table').waitFor();
    const motors = await page.locator('[data-testid^="motor-"] td.name').allTextContents();
    expect(motors).toEqual(expect.arrayContaining(['samx', 'samy', 'samz', 'omega', 'chi', 'phi', 'ttheta']));
    const detectors = await page.locator('[data-testid^="detector-"] td.name').allTextContents();
    expect(detectors).toEqual(expect.arrayContaining(['det', 'diode1', 'spectrum1', 'eiger1']));
    await screenshot(page, 'panel-viewer');
  });

  it('shows the app version in the status bar', async () => {
    await expect.poll(() => page.getByTestId('app-version').textContent()).toMatch(/^DAQ Studio \d+\.\d+\.\d+/);
  });

  it('drops the token from the address bar once loaded', () => {
    expect(page.url()).not.toContain('token=');
  });

  it('switches panels by clicking the tabs', async () => {
    for (const [label, id] of [['Scan', 'scan'], ['History', 'history'], ['Browser', 'browser'], ['Settings', 'settings']] as const) {
      await page.getByRole('tab', { name: label }).click();
      await page.locator(`#panel-${id}`).waitFor();
      expect(await page.getByRole('tab', { name: label }).getAttribute('aria-selected')).toBe('true');
      await screenshot(page, `panel-${id}`);
    }
    await expect.poll(() => page.getByTestId('settings-table').textContent()).toContain('websocket');
  });

  it('switches panels with the keyboard (Ctrl+1…5 and arrow keys on the tabs)', async () => {
    await page.keyboard.press('Control+1');
    await page.locator('#panel-viewer').waitFor();
    await page.keyboard.press('Control+3');
    await page.locator('#panel-history').waitFor();
    await page.getByRole('tab', { name: 'History' }).focus();
    await page.keyboard.press('ArrowRight');
    await page.locator('#panel-browser').waitFor();
    await page.keyboard.press('Control+1');
    await page.locator('#panel-viewer').waitFor();
  });

  it('moves a motor and shows its new readback', async () => {
    const row = page.getByTestId('motor-samy');
    await row.getByLabel('samy setpoint').fill('3.25');
    await row.getByRole('button', { name: 'Move' }).click();
    await expect.poll(() => page.getByTestId('readback-samy').textContent()).toMatch(/^3\.2[45]/);
  });

  it('marks an invalid setpoint before sending, and shows the backend refusal in a readable banner', async () => {
    const row = page.getByTestId('motor-samx');
    const input = row.getByLabel('samx setpoint');
    await input.fill('abc');
    expect(await input.getAttribute('class')).toContain('invalid');
    expect(await row.getByRole('button', { name: 'Move' }).isDisabled()).toBe(true);
    await input.fill('99');
    await row.getByRole('button', { name: 'Move' }).click();
    const banner = page.getByTestId('error-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(/OUT_OF_LIMITS.*samx: 99 mm is outside the limits \[-10, 10\] mm/);
    await screenshot(page, 'error-banner');
    await banner.getByRole('button', { name: 'Dismiss' }).click();
    await banner.waitFor({ state: 'detached' });
  });

  it('remembers the theme and the last panel across a reload (kept in the backend settings)', async () => {
    await page.getByRole('tab', { name: 'Settings' }).click();
    await page.getByRole('button', { name: /Dark theme/ }).click();
    await expect.poll(() => page.locator("html").getAttribute("data-theme")).toBe('dark');
    await screenshot(page, 'theme-dark');
    // The choice is stored by the backend in the data folder's settings.json.
    const stored = () => JSON.parse(readFileSync(join(served.dir, 'data', 'settings.json'), 'utf8')).ui;
    await expect.poll(() => (existsSync(join(served.dir, 'data', 'settings.json')) ? stored() : {})).toMatchObject({ theme: 'dark', panel: 'settings' });
    await page.reload();
    await page.locator('#panel-settings').waitFor();
    await expect.poll(() => page.locator("html").getAttribute("data-theme")).toBe('dark');
    await page.getByRole('button', { name: /Light theme/ }).click();
    await page.keyboard.press('Control+1');
    await page.locator('#panel-viewer').waitFor();
  });

  it('keeps a tab clicked before the saved settings arrive (the saved panel does not snap back)', async () => {
    // Hold back the answer to getSettings until the user has clicked a tab, as a slow backend would.
    const p2 = await newPage(browser);
    let release: () => void = () => {};
    let delivered: () => void = () => {};
    const held = new Promise<void>((r) => (release = r));
    const answered = new Promise<void>((r) => (delivered = r));
    await p2.routeWebSocket(/\/ws/, (ws) => {
      const server = ws.connectToServer();
      const settingsIds = new Set<number>();
      ws.onMessage((m) => {
        if (typeof m === 'string') {
          const msg = JSON.parse(m) as { id?: number; method?: string };
          if (msg.method === 'getSettings' && msg.id !== undefined) settingsIds.add(msg.id);
        }
        server.send(m);
      });
      server.onMessage(async (m) => {
        const isSettings = typeof m === 'string' && settingsIds.has((JSON.parse(m) as { id?: number }).id ?? -1);
        if (isSettings) await held;
        ws.send(m);
        if (isSettings) delivered();
      });
    });
    await p2.goto(served.url);
    await p2.getByRole('tab', { name: 'Browser' }).click();
    await p2.locator('#panel-browser').waitFor();
    release();
    await answered;
    await p2.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))'); // React renders it
    expect(await p2.locator("html").getAttribute("data-theme")).toBe('light'); // the late answer did arrive and apply
    expect(await p2.getByRole('tab', { name: 'Browser' }).getAttribute('aria-selected')).toBe('true');
    await p2.close();
  });

  it('changes the scan file options in Settings, kept by the backend', async () => {
    await page.getByRole('tab', { name: 'Settings' }).click();
    await page.getByLabel('scan compression', { exact: true }).selectOption('gzip');
    await expect.poll(() => page.getByTestId('scan-compression-hint').textContent()).toMatch(/Compatible/);
    await page.getByLabel('store plot screenshot').click(); // the box follows the backend's answer
    await expect.poll(() => (existsSync(join(served.dir, 'data', 'settings.json')) ? JSON.parse(readFileSync(join(served.dir, 'data', 'settings.json'), 'utf8')).scan : {})).toMatchObject({ compression: 'gzip', screenshotOnEnd: false });
    await page.getByLabel('store plot screenshot').click();
    await page.getByLabel('scan compression', { exact: true }).selectOption('none');
    await page.keyboard.press('Control+1');
  });

  it('logged no errors in the page (no CSP violations, no exceptions)', () => {
    expect(consoleErrors).toEqual([]);
  });
});
