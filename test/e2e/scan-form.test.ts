// Issue 15, the Scan panel in Chromium against `daq serve`: what cannot run is refused in the form with its reason
// (limits, huge point counts, exposure 0, start = stop, no detector); grid inputs are sized to their content; an
// aborted scan shows no ETA; the live table follows the newest point; a reload shows the last scan again.
// Issue 12: a relative scan's limits are checked from the motor's live readback, not from where it was when the
// panel opened.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { DaqBridge } from '../../src/shared/api.ts';
import { socketBridge } from '../../src/renderer/socket-bridge.ts';
import { launchChromium, screenshot, serve, type Served } from './harness.ts';

// Conditions are waited on with room for a loaded machine, never slept on.
const until = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 30_000, interval: 100 });

let served: Served;
let browser: Browser;
let page: Page;
/** The test's own client of the same server (what a script or another window would do). */
let api: DaqBridge | undefined;

beforeAll(async () => {
  served = await serve();
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1024, height: 700 } })).newPage();
  await page.goto(served.url);
  await page.locator('#tab-scan').click();
  await page.getByLabel('scan type').waitFor();
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

const start = () => page.getByTestId('start-scan');

async function line(s: string, e: string, points: string, exposure: string) {
  await page.getByLabel('scan type').selectOption('line');
  await page.getByLabel('motor 1').selectOption('samx');
  await page.getByLabel('start 1').fill(s);
  await page.getByLabel('stop 1').fill(e);
  await page.getByLabel('points', { exact: true }).fill(points);
  await page.getByLabel('exposure').fill(exposure);
}

async function refused(reason: RegExp) {
  await until(() => start().isDisabled()).toBe(true);
  expect(await start().getAttribute('title')).toMatch(reason);
}

describe('Scan form refuses what cannot run, and says why', () => {
  it('marks a start outside the motor limits red and disables Start', async () => {
    await line('-20', '1', '5', '0.01');
    await until(() => page.getByLabel('start 1').evaluate((el) => el.closest('.field')!.className)).toContain('invalid');
    await refused(/outside the limits \[-10, 10\]/);
    await line('-1', '1', '5', '0.01');
    await until(() => start().isEnabled()).toBe(true);
  });

  it('refuses 100,000,000 points at once, with a message instead of "checking…"', async () => {
    await line('-1', '1', '100000000', '0.01');
    await refused(/at most 10,000,000 points/);
    await until(() => page.getByTestId('scan-preview').textContent()).toMatch(/fix the marked fields/);
    expect(await page.locator('.field.invalid').first().textContent()).toMatch(/at most 10,000,000 points/);
  });

  it('refuses exposure 0 and start = stop', async () => {
    await line('-1', '1', '5', '0');
    await refused(/exposure.*> 0/);
    await line('0.5', '0.5', '5', '0.01');
    await refused(/equal to start/);
    await line('-1', '1', '5', '0.01');
    await until(() => start().isEnabled()).toBe(true);
  });

  it('refuses a scan with no detector ticked', async () => {
    for (const d of await page.getByRole('group', { name: 'detectors' }).getByRole('checkbox').all()) if (await d.isChecked()) await d.uncheck();
    await refused(/detector/);
    await page.getByRole('group', { name: 'detectors' }).getByRole('checkbox').first().check();
    await until(() => start().isEnabled()).toBe(true);
  });

  it('sizes the grid inputs so "-1" fits in Start and Stop and Points is not oversized', async () => {
    await page.getByLabel('scan type').selectOption('grid');
    await page.getByLabel('start 1').fill('-1.25');
    const width = async (label: string) => (await page.getByLabel(label).boundingBox())!.width;
    const fits = await page.getByLabel('start 1').evaluate((el) => el.scrollWidth <= el.clientWidth);
    expect(fits).toBe(true);
    expect(await width('start 1')).toBeGreaterThanOrEqual(56);
    expect(await width('stop 1')).toBeGreaterThanOrEqual(56);
    expect(await width('points 1')).toBeLessThanOrEqual((await width('start 1')) * 1.2);
    await screenshot(page, 'scan-grid-form');
    await page.getByLabel('scan type').selectOption('line');
  });
});

describe('Scan progress, live table and reload', () => {
  it('follows the newest point in the live table; after an abort the bar shows no ETA', async () => {
    await line('-1', '1', '400', '0.02');
    await start().click();
    await until(async () => Number(await page.getByTestId('live-table').getAttribute('data-rows'))).toBeGreaterThan(40);
    const atBottom = () => page.getByTestId('live-table-wrap').evaluate((el) => el.scrollHeight > el.clientHeight && el.scrollHeight - el.scrollTop - el.clientHeight < 4);
    await until(atBottom).toBe(true);
    await until(async () => Number(await page.getByTestId('live-table').getAttribute('data-rows'))).toBeGreaterThan(60);
    await until(atBottom).toBe(true);
    await page.getByRole('button', { name: 'Abort' }).click();
    await until(() => page.getByTestId('scan-report').textContent()).toMatch(/abort/);
    const text = (await page.getByTestId('scan-progress').textContent())!;
    expect(text).not.toMatch(/ETA/);
    expect(text).toMatch(/abort/);
  });

  it('shows the last scan again after a reload: report and plot', async () => {
    await line('-1', '1', '7', '0.01');
    await start().click();
    await until(() => page.getByTestId('scan-report').textContent()).toMatch(/success.*line_scan.*points\s*7\D/s);
    const entry = await page.getByTestId('scan-report').getAttribute('data-entry');
    await page.reload();
    await page.getByLabel('scan type').waitFor();
    await until(() => page.getByTestId('scan-report').getAttribute('data-entry')).toBe(entry);
    await until(() => page.getByTestId('scan-plot').getAttribute('data-points')).toBe('7');
    expect(await page.getByTestId('live-table').getAttribute('data-rows')).toBe('7');
    expect(await page.getByTestId('scan-progress').textContent()).toMatch(/done/);
    await screenshot(page, 'scan-after-reload');
  });
});

describe('Relative scans are checked from the live readback', () => {
  it('marks a relative range red once the motor has moved where it would leave the limits, and clears it when it moves back', async () => {
    const url = new URL(served.url);
    const token = new URLSearchParams(url.hash.slice(1)).get('token')!;
    api = socketBridge(`ws://${url.host}/ws?token=${encodeURIComponent(token)}`);
    await api.api.moveMotor('samx', 0);
    await line('-5', '5', '5', '0.01');
    const relative = page.getByRole('checkbox', { name: 'relative' });
    await relative.check();
    await until(() => start().isEnabled()).toBe(true);

    // Moved by another client while the panel stays open: 8 + 5 = 13 (the noisy readback's) is beyond samx's limit of 10.
    await api.api.moveMotor('samx', 8);
    await refused(/motor 1 stop: 1[23][.\d]* is outside the limits \[-10, 10\]/);
    expect(await page.getByLabel('stop 1').evaluate((el) => el.closest('.field')!.className)).toContain('invalid');
    await screenshot(page, 'scan-relative-limits');

    await api.api.moveMotor('samx', 0);
    await until(() => start().isEnabled()).toBe(true);
    await until(() => page.getByTestId('scan-preview').textContent()).toMatch(/5 point\(s\)/);
    await relative.uncheck();
  });
});
