// The History panel in Chromium: scans made by another process appear, the table sorts and filters, selecting a
// scan plots it from its file, the selected scans export to a SPEC file that silx reads, and Re-run runs one again.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { python } from '../helpers/python.ts';
import { daqCli, launchChromium, newPage, screenshot, serve, type Served } from './harness.ts';

let served: Served;
let browser: Browser;
let page: Page;

const daq = (...args: string[]) => daqCli(served.dir, ...args);

beforeAll(async () => {
  served = await serve();
  // Scans from the command line while the app runs: the catalog is shared.
  daq('scan', 'line', 'samx', '-1', '1', '--steps', '7', '--md', '{"sample":{"name":"Si"}}');
  daq('scan', 'count', '4', '--md', '{"sample":{"name":"Ge"}}');
  daq('scan', 'grid', 'samx', '0', '1', '2', 'samy', '0', '1', '2', '--snake');
  browser = await launchChromium();
  page = await newPage(browser);
  await page.goto(served.url);
  await page.getByRole('tab', { name: 'History' }).click();
  await page.getByTestId('history-table').waitFor();
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

/** Sets the base path from the Settings panel of another client (a page opened for it, closed once it is set). */
async function setBasePathElsewhere(path: string): Promise<void> {
  const other = await newPage(browser);
  try {
    await other.goto(served.url);
    await other.getByRole('tab', { name: 'Settings' }).click();
    const box = other.getByTestId('settings-base-path');
    await box.getByLabel('base path').fill(path);
    await box.getByRole('button', { name: 'Set' }).click();
    await expect.poll(() => other.getByTestId('status-base-path').textContent(), { timeout: 30_000 }).toBe(`base path: ${path}`);
  } finally {
    await other.close();
  }
}

const numbers = async () => (await page.locator('[data-testid^="history-row-"] td:nth-child(3)').allTextContents()).map(Number);

describe('History panel', () => {
  it('proposes the export path in the base path, and follows the base path when another client changes it', async () => {
    const started = join(served.dir, 'files');
    const moved = join(served.dir, 'moved');
    mkdirSync(moved);
    await expect.poll(() => page.getByLabel('export path').inputValue()).toBe(join(started, 'export.spec'));
    // Another client sets the base path while this History stays open.
    await setBasePathElsewhere(moved);
    await expect.poll(() => page.getByLabel('export path').inputValue(), { timeout: 30_000 }).toBe(join(moved, 'export.spec'));
    // Back where it started (the tests below rebuild the catalog from the base path): followed again.
    await setBasePathElsewhere(started);
    await expect.poll(() => page.getByLabel('export path').inputValue(), { timeout: 30_000 }).toBe(join(started, 'export.spec'));
  });

  it('lists every scan, newest first, and sorts by a column', async () => {
    await expect.poll(() => page.getByTestId('history-table').getAttribute('data-total')).toBe('3');
    expect(await numbers()).toEqual([3, 2, 1]);
    await page.getByRole('columnheader', { name: /#/ }).click();
    await expect.poll(numbers).toEqual([3, 2, 1]);
    await page.getByRole('columnheader', { name: /#/ }).click();
    await expect.poll(numbers).toEqual([1, 2, 3]);
  });

  it('filters by plan and by sample', async () => {
    await page.getByLabel('plan filter').selectOption('count');
    await expect.poll(numbers).toEqual([2]);
    await page.getByLabel('plan filter').selectOption('');
    await page.getByLabel('sample filter').fill('Si');
    await expect.poll(numbers).toEqual([1]);
    await page.getByLabel('sample filter').fill('');
    await expect.poll(numbers).toEqual([1, 2, 3]);
  });

  it('shows the selected scan plotted from its file, with its metadata', async () => {
    await page.getByTestId('history-row-1').click();
    await page.getByTestId('history-plot').waitFor();
    await expect.poll(() => page.getByTestId('history-plot').getAttribute('data-points')).toBe('7');
    expect(await page.getByTestId('history-detail').textContent()).toMatch(/Scan 1: line_scan samx -1 1 7.*"sample":\{"name":"Si"\}/s);
    await screenshot(page, 'panel-history');
  });

  it('shows a grid scan as a map, its snake rows in order', async () => {
    await page.getByTestId('history-row-3').click();
    await page.getByTestId('history-map').waitFor();
    expect(await page.getByTestId('history-map').getAttribute('data-rows')).toBe('2');
    expect(await page.getByTestId('history-map').getAttribute('data-cols')).toBe('2');
    // Its axes name the motors (slow samx on the rows, fast samy on the columns) and their set points, as the
    // Scan panel's live map does.
    const ticks = (axis: string) => page.getByTestId(`history-map-image-${axis}`).locator('.image-tick').allTextContents();
    expect(await page.getByTestId('history-map-image-yaxis').locator('.image-axis-label').textContent()).toBe('samx (mm)');
    expect(await page.getByTestId('history-map-image-xaxis').locator('.image-axis-label').textContent()).toBe('samy (mm)');
    expect(await ticks('yaxis')).toEqual(['0', '1']);
    expect(await ticks('xaxis')).toEqual(['0', '1']);
    // With its axes the map still fits beside the table at 1024×700.
    await page.setViewportSize({ width: 1024, height: 700 });
    await expect.poll(async () => {
      const box = (await page.getByTestId('history-map').boundingBox())!;
      return box.x + box.width <= 1024;
    }).toBe(true);
    await screenshot(page, 'history-grid-map');
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.getByTestId('history-row-1').click();
    await page.getByTestId('history-plot').waitFor();
  });

  it('exports the selected scans to a SPEC file that silx reads', async () => {
    const out = join(served.dir, 'files', 'e2e.spec');
    await page.getByLabel('select scan 1').check();
    await page.getByLabel('select scan 3').check();
    await page.getByLabel('export path').fill(out);
    await page.getByRole('button', { name: 'Export SPEC' }).click();
    await expect.poll(() => page.getByTestId('history-message').textContent()).toMatch(/2 scan\(s\) written to .*e2e\.spec as #S 1, 2/);
    const got = python<{ n: number; labels: string[] }[]>(`
import sys, json
from silx.io.specfile import SpecFile
print(json.dumps([{'n': s.number, 'labels': list(s.labels)} for s in SpecFile(sys.argv[1])]))`, out);
    expect(got.map((g) => g.n)).toEqual([1, 2]);
    // The grid is a SPEC mesh: the set points first, fast motor first.
    expect(got[1]!.labels.slice(0, 4)).toEqual(['samy_setpoint', 'samx_setpoint', 'samx', 'samy']);
    // Exporting again without "append" is refused, and the message names this panel's checkbox, not a CLI flag.
    await page.getByLabel('append to an existing SPEC file').uncheck();
    await page.getByRole('button', { name: 'Export SPEC' }).click();
    await expect.poll(() => page.getByTestId('error-banner').textContent()).toMatch(/EXISTS.*e2e\.spec exists\. Tick "append to an existing SPEC file" to add the scans to it, or change the export path\./);
    expect(await page.getByTestId('error-banner').textContent()).not.toMatch(/--/);
    await page.getByRole('button', { name: 'Dismiss' }).click();
    await page.getByLabel('append to an existing SPEC file').check();
  });

  it('rebuilds the catalog from the files with the Settings button', async () => {
    await page.getByRole('tab', { name: 'Settings' }).click();
    await page.getByRole('button', { name: 'Rebuild catalog from files' }).click();
    await expect.poll(() => page.getByTestId('rebuild-result').textContent()).toMatch(/3 scan\(s\) in 1 file\(s\)/);
    await page.getByRole('tab', { name: 'History' }).click();
    await expect.poll(() => page.getByTestId('history-table').getAttribute('data-total')).toBe('3');
  });

  it('runs a scan again with the same parameters', async () => {
    await page.getByTestId('history-row-1').click();
    await page.getByRole('button', { name: 'Re-run' }).click();
    await expect.poll(() => page.getByTestId('history-message').textContent()).toMatch(/Re-run started as scan 4/);
    await expect.poll(() => page.getByTestId('history-table').getAttribute('data-total')).toBe('4');
    const rerun = JSON.parse(daq('show', '4', '--json')) as { title: string; sample: string };
    expect(rerun.title).toBe('line_scan samx -1 1 7 0');
    expect(rerun.sample).toBe('Si');
  });
});
