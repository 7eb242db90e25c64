// The image and plot tools in Chromium against `daq serve`: the camera view fits the window (the colour bar was
// 3,600 px tall and pushed the readout and ROI tools off screen), the wheel zooms the image without scrolling the
// panel, an ROI drawn and dragged with the mouse gives a live trend, a line scan plots over its planned −1…1
// range with peak statistics, and a grid scan is a map with its motors on the axes and no 1-D line above it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { python } from '../helpers/python.ts';
import { launchChromium, newPage, screenshot, serve, type Served } from './harness.ts';

let served: Served;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  served = await serve();
  browser = await launchChromium();
  page = await newPage(browser);
  await page.goto(served.url);
  await page.getByTestId('detector-table').waitFor();
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

/** The tallest element inside the element with this test id, and the window's height. */
async function tallest(testId: string): Promise<{ tallest: number; viewport: number; what: string }> {
  // Runs in the page (a string, since this file is type-checked for Node, not the DOM).
  return page.evaluate(`(() => {
    const root = document.querySelector('[data-testid="${testId}"]');
    let best = root.getBoundingClientRect().height;
    let what = 'root';
    for (const el of root.querySelectorAll('*')) {
      const h = el.getBoundingClientRect().height;
      if (h > best) [best, what] = [h, String(el.className) || el.tagName];
    }
    return { tallest: best, viewport: window.innerHeight, what };
  })()`) as Promise<{ tallest: number; viewport: number; what: string }>;
}

describe('image view in the Viewer', () => {
  it('fits the window: no part of the camera view is taller than the viewport', async () => {
    await page.getByLabel('Grab eiger1').click();
    await page.getByTestId('camera-image').waitFor();
    const t = await tallest('camera-image');
    expect(t.tallest, `tallest element: ${t.what}`).toBeLessThanOrEqual(t.viewport);
    const bar = (await page.locator('[data-testid="camera-image"] canvas.colorbar-canvas').boundingBox())!;
    const image = (await page.locator('[data-testid="camera-image"] .imageview-viewport').boundingBox())!;
    expect(bar.height).toBeLessThanOrEqual(image.height);
    // The same on a small laptop screen.
    await page.setViewportSize({ width: 1024, height: 700 });
    const small = await tallest('camera-image');
    expect(small.tallest, `tallest element at 1024×700: ${small.what}`).toBeLessThanOrEqual(small.viewport);
    await page.setViewportSize({ width: 1366, height: 768 });
  });

  it('zooms on the wheel over the image and does not scroll the panel', async () => {
    const viewport = page.locator('[data-testid="camera-image"] .imageview-viewport');
    await viewport.scrollIntoViewIfNeeded();
    // A listener on the window runs after the image's own: it sees whether the browser may still scroll.
    await page.evaluate(`window.wheelAllowed = []; window.addEventListener('wheel', (e) => window.wheelAllowed.push(!e.defaultPrevented));`);
    const scrolls = () => page.evaluate(`[window.scrollY, ...Array.from(document.querySelectorAll('*')).map((e) => e.scrollTop)].join(',')`);
    const before = await scrolls();
    const box = (await viewport.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, -200);
    await expect.poll(() => page.locator('[data-testid="camera-image"] canvas.imageview-canvas').evaluate((c) => (c as unknown as { style: { width: string } }).style.width), { timeout: 10_000 }).not.toBe(`${box.width - 2}px`);
    await page.mouse.wheel(0, 200);
    await expect.poll(() => page.evaluate('window.wheelAllowed.length'), { timeout: 10_000 }).toBe(2);
    expect(await page.evaluate('window.wheelAllowed')).toEqual([false, false]);
    expect(await scrolls()).toBe(before);
    await page.getByRole('button', { name: 'Reset view' }).click();
  });

  it('draws an ROI with the mouse, shows its live trend, and moves it by dragging', async () => {
    await page.getByRole('button', { name: 'ROI', exact: true }).click();
    const box = (await page.locator('[data-testid="camera-image"] .imageview-viewport').boundingBox())!;
    await page.mouse.move(box.x + 60, box.y + 60);
    await page.mouse.down();
    await page.mouse.move(box.x + 120, box.y + 100, { steps: 4 });
    await page.mouse.up();
    await expect.poll(() => page.getByTestId('roi-values').textContent()).toMatch(/ROI 1 \(sum\): \d+/);
    const n = Number(await page.getByTestId('roi-trend').getAttribute('data-points'));
    await expect.poll(async () => Number(await page.getByTestId('roi-trend').getAttribute('data-points')), { timeout: 15_000 }).toBeGreaterThan(n + 3);
    const roi = page.getByTestId('camera-image-roi-1');
    const a = (await roi.boundingBox())!;
    await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
    await page.mouse.down();
    await page.mouse.move(a.x + a.width / 2 + 50, a.y + a.height / 2 + 30, { steps: 4 });
    await page.mouse.up();
    await expect.poll(async () => (await roi.boundingBox())!.x, { timeout: 5_000 }).toBeGreaterThan(a.x + 30);
    await screenshot(page, 'image-tools-roi');
    await page.getByLabel('Stop eiger1').click();
    await expect.poll(() => page.getByLabel('Grab eiger1').isEnabled(), { timeout: 15_000 }).toBe(true);
  });
});

describe('scan plots', () => {
  it('plots a −1…1 line scan over exactly −1…1 from the first points, and shows peak statistics', async () => {
    await page.getByRole('tab', { name: 'Scan' }).click();
    await page.getByLabel('scan type').selectOption('line');
    await page.getByLabel('motor 1').selectOption('samx');
    await page.getByLabel('start 1').fill('-1');
    await page.getByLabel('stop 1').fill('1');
    await page.getByLabel('points', { exact: true }).fill('21');
    await page.getByLabel('exposure').fill('0.05');
    await page.getByRole('button', { name: 'Start' }).click();
    const plot = page.getByTestId('scan-plot');
    await expect.poll(async () => Number(await plot.getAttribute('data-points')), { timeout: 15_000 }).toBeGreaterThan(0);
    expect([await plot.getAttribute('data-xmin'), await plot.getAttribute('data-xmax')]).toEqual(['-1', '1']);
    await page.getByTestId('scan-report').waitFor({ timeout: 30_000 });
    await expect.poll(() => plot.getAttribute('data-points')).toBe('21');
    expect([await plot.getAttribute('data-xmin'), await plot.getAttribute('data-xmax')]).toEqual(['-1', '1']);
    await expect.poll(() => page.getByTestId('peak-stats').textContent()).toMatch(/peak -?\d.*com -?\d.*FWHM/);
    expect(await page.getByRole('button', { name: 'samx → peak' }).isEnabled()).toBe(true);
    await screenshot(page, 'scan-plot-peak-stats');
  });

  it('shows a grid scan as a map with motor names and set points on its axes, and no 1-D line', async () => {
    await page.getByLabel('scan type').selectOption('grid');
    await page.getByLabel('motor 1').selectOption('samx');
    await page.getByLabel('start 1').fill('-1');
    await page.getByLabel('stop 1').fill('1');
    await page.getByLabel('points 1').fill('5');
    await page.getByLabel('motor 2').selectOption('samy');
    await page.getByLabel('start 2').fill('-1');
    await page.getByLabel('stop 2').fill('1');
    await page.getByLabel('points 2').fill('4');
    await page.getByLabel('exposure').fill('0.01');
    await page.getByRole('button', { name: 'Start' }).click();
    await page.getByTestId('scan-grid-image').waitFor();
    await expect.poll(() => page.getByTestId('scan-plot').getAttribute('data-points'), { timeout: 30_000 }).toBe('20');
    expect(await page.locator('[data-testid="scan-grid-image-yaxis"] .image-axis-label').textContent()).toMatch(/^samx/);
    expect(await page.locator('[data-testid="scan-grid-image-xaxis"] .image-axis-label').textContent()).toMatch(/^samy/);
    expect(await page.locator('[data-testid="scan-grid-image-yaxis"] .image-tick').allTextContents()).toEqual(['-1', '-0.5', '0', '0.5', '1']);
    expect(await page.locator('[data-testid="scan-grid-image-xaxis"] .image-tick').allTextContents()).toEqual(['-1', '-0.3333', '0.3333', '1']);
    expect(await page.locator('.scan-run .lineplot').count()).toBe(0);
    const t = await tallest('scan-grid-image');
    expect(t.tallest, `tallest element: ${t.what}`).toBeLessThanOrEqual(t.viewport);
    await screenshot(page, 'scan-grid-map');
    // The screenshot stored in the scan's entry is the map, enlarged from 4×5 px to a readable size.
    await expect.poll(() => page.getByTestId('scan-report').getAttribute('data-entry'), { timeout: 30_000 }).toBe('2.1');
    const file = (await page.getByTestId('scan-report').getAttribute('data-file'))!;
    const size = () => {
      try {
        return python<number[]>(`
import sys, json, h5py, struct
d = bytes(h5py.File(sys.argv[1], 'r')['2.1/screenshots/plot_1'][:])
print(json.dumps(list(struct.unpack('>II', d[16:24]))))`, file);
      } catch {
        return undefined;
      }
    };
    await expect.poll(size, { timeout: 10_000 }).toEqual([256, 320]);
  });
});
