// The Browser in Chromium: a scan file opened from the History goes straight to its default plot; a file written
// by h5py is browsed (tree, attributes, a slider through a 3-D stack); a file being written shows new points
// after Refresh; a corrupt file gives a readable message.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { writeCorruptFile, writeThirdPartyFile } from '../helpers/third-party-file.ts';
import { launchChromium, newPage, screenshot, serve, type Served } from './harness.ts';

let served: Served;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  served = await serve();
  spawnSync(process.execPath, ['bin/daq.mjs', 'scan', 'line', 'samx', '-1', '1', '--steps', '9', '--instant-moves', '--data-dir', join(served.dir, 'data'), '--base-path', join(served.dir, 'files')]);
  browser = await launchChromium();
  page = await newPage(browser);
  await page.goto(served.url);
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

describe('Browser panel', () => {
  it('opens a scan file from the History straight into its default plot', async () => {
    await page.getByRole('tab', { name: 'History' }).click();
    await page.getByTestId('history-row-1').click();
    await page.getByRole('button', { name: 'Open in Browser' }).click();
    await page.locator('#panel-browser').waitFor();
    await page.getByTestId('browser-default-plot').waitFor();
    expect(await page.getByTestId('browser-default-plot').getAttribute('data-nxdata')).toBe('/1.1/plotselect');
    await expect.poll(() => page.getByTestId('browser-line').getAttribute('data-points')).toBe('27'); // det + 2 auxiliary signals, 9 points each
    await screenshot(page, 'panel-browser');
  });

  it('browses a file written by h5py: tree, JSON attributes, and a slider through a 3-D stack', async () => {
    const file = join(served.dir, 'third.h5');
    writeThirdPartyFile(file);
    await page.getByLabel('file path').fill(file);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.getByTestId('tree-/settings').click();
    await expect.poll(() => page.getByTestId('node-info').textContent()).toMatch(/"gain": "high"/);
    await page.getByTestId('tree-/entry').click();
    await page.getByTestId('tree-/entry/data').click();
    await page.getByTestId('tree-/entry/data/stack').click();
    await page.getByTestId('browser-image').waitFor();
    await expect.poll(() => page.getByTestId('node-info').textContent()).toMatch(/shape 4×8×10.*chunks 1×8×10/);
    const slider = page.getByLabel('dimension 0');
    await slider.fill('3');
    // The readout gives the value under the mouse: frame 3, so values start at 240.
    const box = (await page.locator('[data-testid="browser-image"] .imageview-viewport').boundingBox())!;
    await page.mouse.move(box.x + 2, box.y + 2);
    await expect.poll(() => page.getByTestId('browser-image-readout').textContent()).toMatch(/value=240/);
  });

  it('shows new points of a file being written after Refresh', async () => {
    const writer = spawnSync(process.execPath, ['--input-type=module', '-e', `
      const { openSession } = await import('./src/main/session.ts');
      const s = await openSession({ dataDir: ${JSON.stringify(join(served.dir, 'wdata'))}, basePath: ${JSON.stringify(join(served.dir, 'wfiles'))}, instantMoves: true });
      const r = await s.scan({ type: 'count', points: 5 });
      await s.close();
      console.log(r.file);`], { encoding: 'utf8' });
    const file = writer.stdout.trim();
    await page.getByLabel('file path').fill(file);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.getByTestId('browser-default-plot').waitFor();
    await expect.poll(() => page.getByTestId('browser-line').getAttribute('data-points')).toBe('15');
    spawnSync(process.execPath, ['bin/daq.mjs', 'scan', 'count', '7', '--instant-moves', '--data-dir', join(served.dir, 'wdata'), '--base-path', join(served.dir, 'wfiles')]);
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect.poll(() => page.getByTestId('browser-default-plot').getAttribute('data-nxdata')).toBe('/2.1/plotselect');
  });

  it('opens a file with the file picker, keeps it in the recent files, compares two lines and exports CSV', async () => {
    await page.getByRole('button', { name: 'Browse…' }).click();
    await expect.poll(() => page.getByTestId('folder-current').textContent()).toBe(join(served.dir, 'files'));
    await page.getByRole('button', { name: '.. (up)' }).click();
    await page.getByRole('button', { name: 'third.h5', exact: true }).click();
    await expect.poll(() => page.locator('.file-tab.active').textContent()).toContain('third.h5');
    expect(await page.getByLabel('recent files').locator('option').allTextContents()).toEqual(expect.arrayContaining([join(served.dir, 'third.h5')]));
    await page.getByTestId('tree-/line').click();
    await expect.poll(() => page.getByTestId('browser-line').getAttribute('data-points')).toBe('4000'); // 300,000 points as a 2,000-bucket envelope
    await page.getByRole('button', { name: 'Pin to compare' }).click();
    await page.getByTestId('tree-/line2').click();
    // line2 with the pinned line on the same plot: two envelopes of 2 × 2,000 points.
    await expect.poll(() => page.getByTestId('browser-line').getAttribute('data-points')).toBe('8000');
    await page.getByLabel('log y').check();
    await page.getByTestId('tree-/line').click();
    await page.getByLabel('export folder').fill(served.dir);
    await page.getByRole('button', { name: 'Export CSV' }).click();
    await expect.poll(() => page.getByTestId('browser-message').textContent()).toMatch(/Written .*line\.csv/);
  });

  it('says what is wrong with a corrupt file instead of a blank panel', async () => {
    const file = join(served.dir, 'corrupt.h5');
    writeCorruptFile(file);
    await page.getByLabel('file path').fill(file);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await expect.poll(() => page.getByTestId('error-banner').textContent()).toMatch(/cannot be opened: it is damaged or truncated/);
  });
});
