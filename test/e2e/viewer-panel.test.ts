// The Viewer in Chromium against `daq serve`: grab the camera and see frames change; snap a 0-D detector and
// see its value; toggle Do Save twice and find two files with the expected names.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { python } from '../helpers/python.ts';
import { openApp, screenshot, type OpenedApp, type Served } from './harness.ts';

let app: OpenedApp;
let served: Served;
let page: Page;

beforeAll(async () => {
  app = await openApp();
  ({ served, page } = app);
  await page.getByTestId('detector-table').waitFor();
});

afterAll(async () => {
  await app?.close();
});

describe('Viewer panel', () => {
  it('grabs the camera: frames keep changing in the image view, then Stop', async () => {
    await page.getByLabel('Grab eiger1').click();
    await page.getByTestId('camera-image').waitFor();
    const seq = async () => Number(await page.getByTestId('frame-info').getAttribute('data-seq'));
    const a = await seq();
    await expect.poll(seq).toBeGreaterThan(a + 5);
    // The crosshair readout gives the pixel value under the mouse.
    await page.locator('.imageview-viewport').scrollIntoViewIfNeeded();
    const box = (await page.locator('.imageview-viewport').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await expect.poll(() => page.getByTestId('camera-image-readout').textContent()).toMatch(/x=\d+ y=\d+ value=\d+ counts/);
    // An ROI on the spot's corner region gives a 0-D trend that grows with every displayed frame.
    await page.getByLabel('roi x0').fill('200');
    await page.getByLabel('roi x1').fill('300');
    await page.getByLabel('roi y0').fill('200');
    await page.getByLabel('roi y1').fill('300');
    await page.getByLabel('roi math').selectOption('mean');
    await page.getByRole('button', { name: 'Add ROI' }).click();
    await expect.poll(() => page.getByTestId('roi-values').textContent()).toMatch(/ROI 1 \(mean\): \d+/);
    await expect.poll(async () => Number(await page.getByTestId('roi-trend').getAttribute('data-points'))).toBeGreaterThan(5);
    await screenshot(page, 'panel-viewer-grab');
    await page.getByLabel('Stop eiger1').click();
    await expect.poll(() => page.getByLabel('Grab eiger1').isEnabled()).toBe(true);
    const stopped = await seq();
    await new Promise((r) => setTimeout(r, 300)); // a fixed wait on purpose: the assertion is "no new frame for 300 ms"
    expect(await seq()).toBe(stopped);
  });

  it('snaps a 0-D detector and shows its value large', async () => {
    await page.getByLabel('Snap diode1').click();
    await expect.poll(() => page.getByTestId('big-value').textContent()).toMatch(/^\d+(\.\d+)? counts$/);
  });

  it('saves continuously: Do Save twice gives two files named <base name>_<date>_<time>.h5', async () => {
    await page.getByTestId('detector-eiger1').locator('td.name').click();
    await page.getByLabel('base name').fill('e2e_cam');
    await page.getByLabel('base name').blur();
    await page.getByLabel('eiger1 exposure').fill('0.01');
    await page.getByLabel('eiger1 exposure').blur();
    await page.getByLabel('Do Save').click(); // the box follows the backend's answer
    await expect.poll(() => page.getByTestId('current-path').textContent()).toMatch(/e2e_cam_\d{8}_\d\d_\d\d_\d\d\.h5$/);
    const first = (await page.getByTestId('current-path').textContent())!;
    await page.getByLabel('Grab eiger1').click();
    // Frames saved are frames the writer has put in the file (#11): they follow the grab by a batch or two.
    await expect.poll(async () => Number(await page.getByTestId('frames-saved').textContent()), { timeout: 15_000 }).toBeGreaterThan(10);
    await page.getByLabel('Stop eiger1').click();
    await page.getByLabel('Do Save').click();
    await expect.poll(() => page.getByTestId('current-path').textContent()).toBe('—');
    await page.getByLabel('Do Save').click(); // the box follows the backend's answer
    await expect.poll(() => page.getByTestId('current-path').textContent()).toMatch(/e2e_cam_\d{8}_\d\d_\d\d_\d\d(_\d+)?\.h5$/);
    const second = (await page.getByTestId('current-path').textContent())!;
    await page.getByLabel('Snap eiger1').click();
    await expect.poll(async () => Number(await page.getByTestId('frames-saved').textContent()), { timeout: 15_000 }).toBe(1);
    await page.getByLabel('Do Save').click();
    await screenshot(page, 'panel-viewer-saving');
    expect(second).not.toBe(first);
    const day = first.split('/').slice(0, -1).join('/');
    expect(readdirSync(day).filter((f) => f.startsWith('e2e_cam_') && f.endsWith('.h5')).sort()).toEqual([first, second].map((p) => p.split('/').pop()).sort());
    expect(first.startsWith(join(served.dir, 'files'))).toBe(true);
    const frames = python<number[]>(`
import sys, json, h5py
fs = [h5py.File(p, 'r') for p in sys.argv[1:]]
print(json.dumps([f[f.attrs['default'] + '/instrument/eiger1/data'].shape[0] for f in fs]))`, first, second);
    expect(frames[0]).toBeGreaterThan(10);
    expect(frames[1]).toBe(1);
  });

  it('saves with the compression library chosen, whose hint shows under the choice', async () => {
    await page.getByTestId('detector-eiger1').locator('td.name').click();
    await page.getByLabel('compression', { exact: true }).selectOption('bitshuffle-lz4');
    await expect.poll(() => page.getByTestId('compression-hint').textContent()).toMatch(/Eiger\/Jungfrau codec/);
    expect(await page.getByLabel('compression level', { exact: true }).isDisabled()).toBe(true); // bitshuffle-lz4 has no level
    await page.getByLabel('Do Save').click();
    await expect.poll(() => page.getByTestId('current-path').textContent()).toMatch(/\.h5$/);
    const file = (await page.getByTestId('current-path').textContent())!;
    await page.getByLabel('Snap eiger1').click();
    await expect.poll(async () => Number(await page.getByTestId('frames-saved').textContent())).toBe(1);
    await page.getByLabel('Do Save').click();
    await expect.poll(() => page.getByTestId('current-path').textContent()).toBe('—');
    const got = python<{ shape: number[]; filters: string[] }>(`
import sys, json, h5py
f = h5py.File(sys.argv[1], 'r')
d = f[f.attrs['default'] + '/instrument/eiger1/data']
print(json.dumps({'shape': list(d.shape), 'filters': list(d._filters)}))`, file);
    expect(got).toEqual({ shape: [1, 512, 512], filters: ['32008'] });
    await page.getByLabel('compression', { exact: true }).selectOption('none');
  });

  it('picks the base path with the folder picker; the next file goes there', async () => {
    await page.getByTestId('detector-eiger1').locator('td.name').click();
    await page.getByRole('button', { name: 'Browse…' }).click();
    await expect.poll(() => page.getByTestId('folder-current').textContent()).toBe(join(served.dir, 'files'));
    await page.getByRole('button', { name: '.. (up)' }).click();
    await expect.poll(() => page.getByTestId('folder-current').textContent()).toBe(served.dir);
    await page.getByRole('button', { name: 'Use this folder' }).click();
    await expect.poll(() => page.getByLabel('base path').inputValue()).toBe(served.dir);
    await page.getByLabel('Do Save').click();
    await expect.poll(() => page.getByTestId('current-path').textContent()).toMatch(new RegExp(`^${served.dir}/\\d{4}/\\d{8}/`));
    await page.getByLabel('Do Save').click();
  });
});
