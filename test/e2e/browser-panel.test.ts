// The Browser in Chromium: a scan file opened from the History goes straight to its default plot; a file written
// by h5py is browsed (tree, attributes, a slider through a 3-D stack); a file being written shows new points
// after Refresh; a corrupt file gives a readable message.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { waitForRows } from '../helpers/file-rows.ts';
import { python } from '../helpers/python.ts';
import { socketBridge } from '../../src/renderer/socket-bridge.ts';
import { writeCorruptFile, writeThirdPartyFile } from '../helpers/third-party-file.ts';
import { openApp, screenshot, type OpenedApp, type Served } from './harness.ts';

let app: OpenedApp;
let served: Served;
let page: Page;

beforeAll(async () => {
  app = await openApp({
    beforeLoad: (s) => void spawnSync(process.execPath, ['bin/daq.mjs', 'scan', 'line', 'samx', '-1', '1', '--steps', '9', '--instant-moves', '--data-dir', join(s.dir, 'data'), '--base-path', join(s.dir, 'files')]),
  });
  ({ served, page } = app);
});

afterAll(async () => {
  await app?.close();
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
    // The plot's data as CSV, with its axis first (into the export folder, the base path by default).
    await page.getByRole('button', { name: 'Export plot as CSV' }).click();
    await expect.poll(() => page.getByTestId('plot-export-message').textContent()).toMatch(/1\.1_plotselect\.csv/);
    const csv = readFileSync(join(served.dir, 'files', '1.1_plotselect.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe('samx,det,diode1,monitor');
    expect(csv).toHaveLength(10);
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
    // Bytes on disk as the HDF5 library counts them, and the ratio to the 1,280 bytes of float32 data.
    const stored = python<number>(`import sys, h5py; print(h5py.File(sys.argv[1], 'r')['/entry/data/stack'].id.get_storage_size())`, file);
    expect(await page.getByTestId('node-storage').textContent()).toBe(`${stored} B on disk · compression ratio ${(1280 / stored).toFixed(2)}×`);
    const slider = page.getByLabel('dimension 0');
    await slider.fill('3');
    // The readout gives the value under the mouse: frame 3, so values start at 240.
    const box = (await page.locator('[data-testid="browser-image"] .imageview-viewport').boundingBox())!;
    await page.mouse.move(box.x + 2, box.y + 2);
    await expect.poll(() => page.getByTestId('browser-image-readout').textContent()).toMatch(/value=240/);
    // Export NPY writes the frame shown (frame 3: values 240…319), not the first one; numpy reads it back.
    const out = join(served.dir, 'npy-out');
    mkdirSync(out);
    const folder = await page.getByLabel('export folder').inputValue();
    await page.getByLabel('export folder').fill(out);
    await page.getByRole('button', { name: 'Export NPY' }).click();
    await expect.poll(() => page.getByTestId('browser-message').textContent()).toMatch(/Written .*stack\.npy/);
    await page.getByLabel('export folder').fill(folder); // the next tests start from the default folder
    const npy = python<{ shape: number[]; first: number; last: number }>(
      `import sys, json, numpy as np; a = np.load(sys.argv[1]); print(json.dumps({'shape': list(a.shape), 'first': float(a.flat[0]), 'last': float(a.flat[-1])}))`,
      join(out, 'stack.npy'),
    );
    expect(npy).toEqual({ shape: [1, 8, 10], first: 240, last: 319 });
  });

  it('opens a file while another process writes it: marked live and unfinished, Refresh shows new points', async () => {
    const base = join(served.dir, 'wfiles');
    const writer = spawn(process.execPath, ['bin/daq.mjs', 'scan', 'timescan', '--exp-time', '0.05', '--points', '600', '--detectors', 'det', '--json', '--data-dir', join(served.dir, 'wdata'), '--base-path', base], { stdio: 'ignore' });
    const exited = new Promise((r) => writer.once('exit', r)); // listened for now: the scan may end before the test does
    try {
      const d = new Date();
      const ymd = `${d.getFullYear()}${String(d.getMonth() + 1).padStart(2, '0')}${String(d.getDate()).padStart(2, '0')}`;
      const file = join(base, String(d.getFullYear()), ymd, `Dataset_${ymd}_001.h5`);
      await expect.poll(() => existsSync(file), { timeout: 20_000 }).toBe(true);
      await waitForRows(file, '1.1', 'instrument/det/data', 1); // points on disk before the Browser opens it
      await page.getByLabel('file path').fill(file);
      await page.getByRole('button', { name: 'Open', exact: true }).click();
      await expect.poll(() => page.locator('.file-tab.active').textContent()).toMatch(/live/);
      await expect.poll(() => page.getByTestId('tree-/1.1').textContent()).toMatch(/unfinished/);
      await page.getByTestId('browser-default-plot').waitFor();
      const points = async () => Number(await page.getByTestId('browser-line').getAttribute('data-points'));
      await expect.poll(points).toBeGreaterThan(0);
      const first = await points();
      // More points on disk than the Browser read (it read at most what h5py sees now), then Refresh.
      const { rows } = await waitForRows(file, '1.1', 'instrument/det/data', 1);
      await waitForRows(file, '1.1', 'instrument/det/data', rows + 1);
      await page.getByRole('button', { name: 'Refresh' }).click();
      await expect.poll(points).toBeGreaterThan(first);
    } finally {
      writer.kill('SIGINT');
      await exited;
    }
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

  it('says, in a browser, how to open a dropped file (only the desktop app knows dropped files\' paths)', async () => {
    await page.getByTestId('error-banner').getByRole('button', { name: 'Dismiss' }).click().catch(() => undefined);
    const dt = await page.evaluateHandle('(() => { const d = new DataTransfer(); d.items.add(new File(["x"], "dropped.h5")); return d; })()');
    await page.getByTestId('browser-drop').dispatchEvent('drop', { dataTransfer: dt });
    await expect.poll(() => page.getByTestId('error-banner').textContent()).toMatch(/does not tell where a dropped file is \(dropped\.h5\): type its path, or use Browse/);
  });

  it('the default export folder follows the base path when it changes after the panel opened', async () => {
    await page.getByTestId('error-banner').getByRole('button', { name: 'Dismiss' }).click(); // the drop test's message
    // A fresh panel (only the active panel is mounted), so no folder typed by an earlier test is kept.
    await page.getByRole('tab', { name: 'History' }).click();
    await page.getByRole('tab', { name: 'Browser' }).click();
    await page.locator('.file-tab', { hasText: 'third.h5' }).click();
    await page.getByTestId('tree-/line').click();
    const folder = page.getByLabel('export folder');
    await expect.poll(() => folder.inputValue()).toBe(join(served.dir, 'files'));
    // Another client (here the test, through the same Api) moves the base path while the panel stays open.
    const moved = join(served.dir, 'moved-base');
    mkdirSync(moved);
    const { port } = new URL(served.url);
    const token = new URLSearchParams(new URL(served.url).hash.slice(1)).get('token');
    await socketBridge(`ws://127.0.0.1:${port}/ws?token=${token}`).api.setSaving({ basePath: moved });
    await expect.poll(() => folder.inputValue(), { timeout: 15_000 }).toBe(moved);
    await page.getByRole('button', { name: 'Export CSV' }).click();
    await expect.poll(() => page.getByTestId('browser-message').textContent()).toContain(join(moved, 'line.csv'));
    expect(existsSync(join(moved, 'line.csv'))).toBe(true);
  });
});
