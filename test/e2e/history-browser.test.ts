// Issue 15, History and Browser in Chromium against `daq serve`: filters match as users type (any case, part of
// a name, comments); only ticked rows export; disabled buttons say why; the abort mark is drawn, not a missing
// glyph; "Open in Browser" opens at the chosen scan; an open file is focused, not opened twice; switching files
// gives no false errors; follow survives a panel switch; CSV export has a file name; a stored PNG is an image;
// dtypes read uint16/float64; file tabs stay on one line.
import { copyFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { daqCli, launchChromium, screenshot, serve, type Served } from './harness.ts';

// Conditions are waited on with room for a loaded machine, never slept on.
const until = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 30_000, interval: 100 });

let served: Served;
let browser: Browser;
let page: Page;

const daq = (...args: string[]) => daqCli(served.dir, ...args);

function h5files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.h5'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

const banners = () => page.getByTestId('error-banner').count();

beforeAll(async () => {
  served = await serve();
  daq('scan', 'line', 'samx', '-1', '1', '--steps', '5', '--md', '{"sample":{"name":"Si 111"},"comment":"annealed at 400 C"}');
  daq('scan', 'count', '3', '--md', '{"sample":{"name":"Ge"}}');
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1024, height: 700 } })).newPage();
  await page.goto(served.url);
  // One scan from the Scan panel, aborted: it stores the plot PNG and gives an "abort" row.
  await page.locator('#tab-scan').click();
  await page.getByLabel('scan type').selectOption('timescan');
  await page.getByLabel('points', { exact: true }).fill('');
  await page.getByLabel('exposure').fill('0.05');
  await page.getByTestId('start-scan').click();
  await page.locator('[data-testid="live-table"] tbody tr:nth-child(4)').waitFor({ timeout: 60_000 }); // 4 points in
  await page.getByRole('button', { name: 'Abort' }).click();
  await page.getByTestId('scan-report').filter({ hasText: 'abort' }).waitFor({ timeout: 60_000 });
  await page.locator('#tab-history').click();
  await page.getByTestId('history-table').waitFor();
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

const rows = async () => (await page.locator('[data-testid^="history-row-"] td:nth-child(3)').allTextContents()).map(Number);

describe('History', () => {
  it('filters the sample by any part in any case, and finds words of the comment', async () => {
    await until(rows).toEqual([3, 2, 1]);
    await page.getByLabel('sample filter').fill('si');
    await until(rows).toEqual([1]);
    await page.getByLabel('sample filter').fill('');
    await page.getByLabel('title filter').fill('ANNEALED');
    await until(rows).toEqual([1]);
    await page.getByLabel('title filter').fill('');
    await until(rows).toEqual([3, 2, 1]);
  });

  it('exports only ticked rows; disabled buttons say why', async () => {
    await page.getByTestId('history-row-2').click();
    await until(() => page.getByTestId('history-detail').textContent()).toMatch(/Scan 2/);
    expect(await page.locator('legend', { hasText: 'Export' }).textContent()).toBe('Export (0 scans)');
    const spec = page.getByRole('button', { name: 'Export SPEC' });
    expect(await spec.isDisabled()).toBe(true);
    expect(await spec.getAttribute('title')).toMatch(/Tick one or more scans/);
    expect(await page.getByRole('button', { name: 'Export CSV' }).getAttribute('title')).toMatch(/Tick exactly one scan/);
    await page.getByLabel('select scan 1').check();
    expect(await page.locator('legend', { hasText: 'Export' }).textContent()).toBe('Export (1 scan)');
    await page.getByLabel('select scan 1').uncheck();
  });

  it('draws the status marks with CSS (no glyph that a font may lack) and uses the width: table and plot side by side', async () => {
    const abort = page.getByTestId('status-3');
    expect(await abort.getAttribute('aria-label')).toBe('aborted');
    expect(await abort.textContent()).toBe('');
    const box = (await abort.boundingBox())!;
    expect(box.width).toBeGreaterThan(6);
    expect(await abort.evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(el).backgroundColor)).not.toBe('rgba(0, 0, 0, 0)');
    const table = (await page.getByTestId('history-table').boundingBox())!;
    const main = (await page.getByTestId('history-main').boundingBox())!;
    const plot = (await page.getByTestId('history-plot').boundingBox())!;
    expect(table.width).toBeGreaterThan(main.width * 0.95);
    expect(plot.width).toBeGreaterThan(400);
    await screenshot(page, 'history-layout');
  });
});

describe('Browser', () => {
  let dataset = '';

  it('History → Open in Browser opens the file at the chosen scan, not at the newest', async () => {
    await page.getByTestId('history-row-1').click();
    const detail = page.getByTestId('history-detail');
    await until(() => detail.textContent()).toMatch(/::\/\d+\.1/);
    const [, file, entry] = /file(\/.+\.h5)::\/(\d+\.1)/.exec((await detail.textContent())!)!;
    dataset = file!;
    await detail.getByRole('button', { name: 'Open in Browser' }).click();
    await page.locator('#panel-browser').waitFor();
    await until(() => page.getByTestId('node-info').locator('strong').textContent()).toBe(`/${entry}`);
    await until(() => page.getByTestId('browser-default-plot').getAttribute('data-nxdata')).toMatch(new RegExp(`^/${entry!.replace('.', '\\.')}/`));
    expect(await banners()).toBe(0);
  });

  it('reopening an open file focuses its tab instead of adding a stale one', async () => {
    await page.locator('#tab-history').click();
    await page.getByTestId('history-row-2').click();
    await until(() => page.getByTestId('history-detail').textContent()).toMatch(/Scan 2/);
    await page.getByTestId('history-detail').getByRole('button', { name: 'Open in Browser' }).click();
    await page.locator('#panel-browser').waitFor();
    await until(() => page.getByTestId('file-tab').count()).toBe(1);
    await page.getByLabel('file path').fill(dataset);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await until(() => page.getByTestId('node-info').locator('strong').textContent()).toBe('/');
    expect(await page.getByTestId('file-tab').count()).toBe(1);
  });

  it('switching between files gives no false error; file tabs stay on one line', async () => {
    const scanFile = h5files(join(served.dir, 'files')).find((f) => f !== dataset);
    const files = [...(scanFile ? [scanFile] : [])];
    for (let i = 1; i <= 4; i++) {
      const copy = join(served.dir, `a_rather_long_copy_of_the_dataset_number_${i}.h5`);
      copyFileSync(dataset, copy);
      files.push(copy);
    }
    for (const f of files) {
      await page.getByLabel('file path').fill(f);
      await page.getByRole('button', { name: 'Open', exact: true }).click();
      await until(() => page.locator('.file-tab.active').getAttribute('title')).toBe(f);
    }
    const tabs = page.getByTestId('file-tab');
    const tops = new Set<number>();
    for (const t of await tabs.all()) tops.add(Math.round((await t.boundingBox())!.y));
    expect(tops.size).toBe(1);
    // Look inside one file, then switch tabs back and forth: nothing of one file is looked up in another.
    await page.getByTestId('tree-/1.1').click();
    for (const t of [0, 2, 1, 3, 0]) {
      await tabs.nth(t).click();
      await until(() => page.getByTestId('node-info').locator('strong').textContent()).toBe('/');
    }
    await page.getByTestId('browser-default-plot').waitFor();
    expect(await banners()).toBe(0);
    await screenshot(page, 'browser-tabs');
  });

  it('keeps "follow" ticked across a panel switch', async () => {
    const follow = page.getByLabel('follow');
    await follow.check();
    await page.locator('#tab-viewer').click();
    await page.getByTestId('detector-table').waitFor();
    await page.locator('#tab-browser').click();
    await until(() => page.getByLabel('follow').isChecked()).toBe(true);
    await page.getByLabel('follow').uncheck();
  });

  it('shows dtypes as numpy names, exports CSV under a chosen file name, and the note clears with the selection', async () => {
    await page.getByTestId('file-tab').first().click();
    const find = async (name: string) => {
      await page.getByLabel('search by name').fill(name);
      await page.getByLabel('search by name').press('Enter');
      await until(() => page.locator('.found li').first().textContent()).toContain(name);
    };
    await find('data');
    const dets = page.locator('.found li', { hasText: /\/instrument\/det\/data$/ });
    await dets.first().click();
    await until(() => page.getByTestId('node-info').textContent()).toMatch(/float64/);
    expect(await page.getByTestId('node-info').textContent()).not.toMatch(/<d/);
    const name = page.getByLabel('export file name');
    await until(() => name.inputValue()).toMatch(/^1\.1_instrument_det_data\.csv$/);
    await name.fill('first_export.csv');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    await until(() => page.getByTestId('browser-message').textContent()).toMatch(/Written .*first_export\.csv/);
    await name.fill('second_export.csv');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    await until(() => page.getByTestId('browser-message').textContent()).toMatch(/Written .*second_export\.csv/);
    expect(await banners()).toBe(0);
    const folder = await page.getByLabel('export folder').inputValue();
    await find('time');
    await page.locator('.found li').first().click();
    await until(() => page.getByTestId('browser-message').count()).toBe(0);
    expect(existsSync(join(folder, 'first_export.csv')) && existsSync(join(folder, 'second_export.csv'))).toBe(true);
  });

  it('shows a stored PNG (@mime_type image/png) as an image', async () => {
    const scanFile = h5files(join(served.dir, 'files')).find((f) => f !== dataset) ?? dataset;
    await page.locator('.file-tab', { hasText: scanFile.split('/').pop()! }).first().click();
    await page.getByLabel('search by name').fill('plot_1');
    await page.getByLabel('search by name').press('Enter');
    await until(() => page.locator('.found li').first().textContent()).toContain('plot_1');
    await page.locator('.found li').first().click();
    const img = page.getByTestId('browser-png');
    await until(() => page.getByTestId('node-info').textContent()).toMatch(/plot_1.*mime_type/s);
    await screenshot(page, 'browser-png');
    await until(() => img.evaluate((el) => (el as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(100);
    expect(await page.getByTestId('browser-line').count()).toBe(0);
    await screenshot(page, 'browser-png');
  });
});
