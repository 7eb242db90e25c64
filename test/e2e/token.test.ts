// The headless UI's token travels only in the URL fragment and the tab's sessionStorage, never in a cookie: the
// page loads its files without it, takes it out of the address bar, presents it on the WebSocket, survives a
// reload, and two `daq serve` at once (same host, two ports) no longer overwrite each other's access.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM, serve, type Served } from './harness.ts';
import { chromium } from 'playwright-core';

let a: Served;
let b: Served;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  [a, b] = await Promise.all([serve(), serve()]);
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([a?.stop(), b?.stop()]);
});

describe('the token in the browser', () => {
  it('is printed in the fragment, which the browser never sends: the UI files load without it and set no cookie', async () => {
    expect(a.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]{32}$/);
    const page = await context.newPage();
    const sent: string[] = [];
    page.on('request', (r) => sent.push(r.url()));
    await page.goto(a.url);
    await page.getByTestId('motor-table').waitFor();
    expect(page.url()).not.toContain('token');
    // Only the WebSocket carries the token; no page or asset request does.
    expect(sent.filter((u) => u.includes('token=') && !u.includes('/ws?'))).toEqual([]);
    expect(await context.cookies()).toEqual([]);
    await page.close();
  });

  it('keeps working after a reload, and two servers at once do not disturb each other', async () => {
    const pageA = await context.newPage();
    await pageA.goto(a.url);
    await pageA.getByTestId('motor-table').waitFor();
    const pageB = await context.newPage();
    await pageB.goto(b.url);
    await pageB.getByTestId('motor-table').waitFor();
    // Reloading the first tab (its address has no token any more) uses the token kept in its sessionStorage.
    await pageA.reload();
    await pageA.getByTestId('motor-table').waitFor();
    await expect.poll(() => pageA.getByTestId('app-version').textContent()).toMatch(/^DAQ Studio \d+\.\d+\.\d+/);
    await pageB.reload();
    await pageB.getByTestId('motor-table').waitFor();
    await expect.poll(() => pageB.getByTestId('app-version').textContent()).toMatch(/^DAQ Studio \d+\.\d+\.\d+/);
    expect(await context.cookies()).toEqual([]);
  });
});
