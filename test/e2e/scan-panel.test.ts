// The Scan panel in Chromium against `daq serve`: a line scan set up in the form runs to 100 % with every point
// on the plot; pause/resume; abort; invalid fields are marked before anything is sent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { socketBridge } from '../../src/renderer/socket-bridge.ts';
import { python } from '../helpers/python.ts';
import { openApp, screenshot, type OpenedApp } from './harness.ts';

let app: OpenedApp;
let page: Page;

beforeAll(async () => {
  app = await openApp();
  page = app.page;
  await page.getByRole('tab', { name: 'Scan' }).click();
  await page.getByLabel('scan type').waitFor();
});

afterAll(async () => {
  await app?.close();
});

async function setLine(points: string, exposure: string) {
  await page.getByLabel('scan type').selectOption('line');
  await page.getByLabel('motor 1').selectOption('samx');
  await page.getByLabel('start 1').fill('-1');
  await page.getByLabel('stop 1').fill('1');
  await page.getByLabel('points', { exact: true }).fill(points);
  await page.getByLabel('exposure').fill(exposure);
}

describe('Scan panel', () => {
  it('previews the positions: 5 points from -1 to 1 include both ends', async () => {
    await setLine('5', '0.001');
    await expect.poll(() => page.getByTestId('scan-preview').textContent()).toMatch(/5 point\(s\): line_scan samx -1 1 5 0.*-1 · -0.5 · 0 · 0.5 · 1/);
  });

  it('marks invalid fields and will not start', async () => {
    await page.getByLabel('points', { exact: true }).fill('0');
    await expect.poll(() => page.getByTestId('scan-preview').textContent()).toMatch(/fix the marked fields/);
    expect(await page.getByRole('button', { name: 'Start' }).isDisabled()).toBe(true);
    await page.getByLabel('points', { exact: true }).fill('5');
  });

  it('runs a line scan to 100 % with every point on the plot and in the report', async () => {
    await setLine('21', '0.02');
    await page.getByRole('button', { name: 'Start' }).click();
    await page.getByTestId('scan-report').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('scan-progress').getAttribute('aria-valuenow')).toBe('100');
    await expect.poll(() => page.getByTestId('scan-plot').getAttribute('data-points')).toBe('21');
    expect(await page.getByTestId('live-table').getAttribute('data-rows')).toBe('21');
    expect(await page.getByTestId('scan-report').textContent()).toMatch(/success.*line_scan.*21/s);
    await screenshot(page, 'panel-scan-report');
  });

  it('adds session metadata that the next scan writes into its file', async () => {
    await page.getByLabel('metadata category').selectOption('proposal');
    await page.getByLabel('metadata name').fill('id');
    await page.getByLabel('metadata value').fill('ID-4242');
    await page.getByTestId('session-metadata').getByRole('button', { name: 'Add' }).click();
    await expect.poll(() => page.getByTestId('session-metadata').textContent()).toMatch(/proposal\/id = "ID-4242"/);
    expect(await page.getByTestId('scan-report').count()).toBe(1); // adding did not start a scan
    await setLine('3', '0.001');
    const before = await page.getByTestId('scan-report').getAttribute('data-entry');
    await page.getByRole('button', { name: 'Start' }).click();
    await expect.poll(() => page.getByTestId('scan-report').getAttribute('data-entry', { timeout: 1000 }).catch(() => before)).not.toBe(before);
    const file = (await page.getByTestId('scan-report').getAttribute('data-file'))!;
    const entry = (await page.getByTestId('scan-report').getAttribute('data-entry'))!;
    expect(python<string>(`
import sys, json, h5py
print(json.dumps(h5py.File(sys.argv[1], 'r')[sys.argv[2] + '/proposal/id'][()].decode()))`, file, entry)).toBe('ID-4242');
    await page.getByLabel('remove proposal/id').click();
    await expect.poll(() => page.getByTestId('session-metadata').textContent()).not.toMatch(/ID-4242/);
  });

  it('stores the plot as a PNG in the scan file when the scan ends', async () => {
    const report = page.getByTestId('scan-report');
    const file = (await report.getAttribute('data-file'))!;
    const entry = (await report.getAttribute('data-entry'))!;
    expect(file).toMatch(/Dataset_\d{8}_001\.h5$/);
    const read = () => {
      try {
        return python<{ mime: string; png: boolean }>(`
import sys, json, h5py
d = h5py.File(sys.argv[1], 'r')[sys.argv[2] + '/screenshots/plot_1']
print(json.dumps({'mime': d.attrs['mime_type'], 'png': bytes(d[:8]) == b'\\x89PNG\\r\\n\\x1a\\n'}))`, file, entry);
      } catch {
        return undefined;
      }
    };
    await expect.poll(read, { timeout: 10_000 }).toEqual({ mime: 'image/png', png: true });
  });

  it('stores the plot once per scan: not again after a tab switch or a reload; a scan that ended while hidden on return', async () => {
    const report = page.getByTestId('scan-report');
    const file = (await report.getAttribute('data-file'))!;
    const entry = (await report.getAttribute('data-entry'))!;
    const shots = (e: string) => {
      try {
        return python<string[]>(`
import sys, json, h5py
g = h5py.File(sys.argv[1], 'r')[sys.argv[2]]
print(json.dumps(sorted(g['screenshots'].keys()) if 'screenshots' in g else []))`, file, e);
      } catch {
        return undefined;
      }
    };
    await expect.poll(() => shots(entry), { timeout: 10_000 }).toEqual(['plot_1']);
    // The panel shows the last scan again after a tab switch and after a reload (read back, not followed live).
    await page.getByRole('tab', { name: 'Viewer' }).click();
    await page.getByRole('tab', { name: 'Scan' }).click();
    await expect.poll(() => report.getAttribute('data-entry')).toBe(entry);
    await page.reload();
    await page.getByLabel('scan type').waitFor();
    await expect.poll(() => report.getAttribute('data-entry')).toBe(entry);
    await expect.poll(() => page.getByTestId('scan-plot').getAttribute('data-points')).toBe('3');
    // A scan run now stores its own plot; by then anything the reopened panels sent has arrived (same socket).
    await setLine('3', '0.001');
    await page.getByRole('button', { name: 'Start' }).click();
    await expect.poll(() => report.getAttribute('data-entry', { timeout: 1000 }).catch(() => entry)).not.toBe(entry);
    const next = (await report.getAttribute('data-entry'))!;
    await expect.poll(() => shots(next), { timeout: 10_000 }).toEqual(['plot_1']);
    expect(shots(entry)).toEqual(['plot_1']);

    // A scan that ends while the panel is hidden gets its plot when the panel shows it again, once.
    await setLine('30', '0.02');
    await page.getByRole('button', { name: 'Start' }).click();
    await expect.poll(() => page.getByTestId('scan-progress').textContent()).toMatch(/ETA/);
    await page.getByRole('tab', { name: 'Viewer' }).click();
    const url = new URL(app.served.url);
    const api = socketBridge(`ws://${url.host}/ws?token=${new URLSearchParams(url.hash.slice(1)).get('token')}`).api;
    await expect.poll(async () => (await api.getScanState()).state, { timeout: 30_000 }).toBe('idle');
    const hidden = (await api.getLastReport())!.entry;
    expect(shots(hidden)).toEqual([]);
    await page.getByRole('tab', { name: 'Scan' }).click();
    await expect.poll(() => shots(hidden), { timeout: 10_000 }).toEqual(['plot_1']);
    await page.reload();
    await page.getByLabel('scan type').waitFor();
    await expect.poll(() => page.getByTestId('scan-plot').getAttribute('data-points')).toBe('30');
    await setLine('3', '0.001');
    await page.getByRole('button', { name: 'Start' }).click();
    await expect.poll(() => report.getAttribute('data-entry', { timeout: 1000 }).catch(() => hidden)).not.toBe(hidden);
    const last = (await report.getAttribute('data-entry'))!;
    await expect.poll(() => shots(last), { timeout: 10_000 }).toEqual(['plot_1']);
    expect(shots(hidden)).toEqual(['plot_1']);
  });

  it('shows the dataset file, and "New dataset" moves the next scans to the next file', async () => {
    await expect.poll(() => page.getByTestId('dataset-file').textContent()).toMatch(/^Dataset_\d{8}_001\.h5$/);
    await page.getByRole('button', { name: 'New dataset' }).click();
    await expect.poll(() => page.getByTestId('dataset-file').textContent()).toMatch(/^Dataset_\d{8}_002\.h5$/);
    await setLine('3', '0.001');
    await page.getByRole('button', { name: 'Start' }).click();
    await expect.poll(() => page.getByTestId('scan-report').getAttribute('data-file', { timeout: 1000 }).catch(() => '')).toMatch(/Dataset_\d{8}_002\.h5$/);
  });

  it('pauses and resumes, then aborts', async () => {
    await setLine('200', '0.05');
    await page.getByRole('button', { name: 'Start' }).click();
    await expect.poll(async () => Number(await page.getByTestId('scan-progress').getAttribute('aria-valuenow'))).toBeGreaterThan(1);
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.getByRole('button', { name: 'Resume' }).waitFor();
    await expect.poll(() => page.getByTestId('scan-progress').textContent()).toMatch(/paused/);
    const during = await page.getByTestId('live-table').getAttribute('data-rows');
    await new Promise((r) => setTimeout(r, 400)); // a fixed wait on purpose: the assertion is "no new row for 400 ms"
    expect(await page.getByTestId('live-table').getAttribute('data-rows')).toBe(during);
    await screenshot(page, 'panel-scan-paused');
    await page.getByRole('button', { name: 'Resume' }).click();
    await page.getByRole('button', { name: 'Pause' }).waitFor();
    // Abort once the resumed scan has taken a point (on a loaded machine the click could otherwise come first).
    await expect.poll(async () => Number(await page.getByTestId('live-table').getAttribute('data-rows')), { timeout: 30_000 }).toBeGreaterThan(Number(during));
    await page.getByRole('button', { name: 'Abort' }).click();
    await expect.poll(() => page.getByTestId('scan-report').textContent()).toMatch(/abort/);
    const rows = Number(await page.getByTestId('live-table').getAttribute('data-rows'));
    expect(rows).toBeGreaterThan(Number(during));
    expect(rows).toBeLessThan(200);
  });

  it('starts with Ctrl+Enter and stops with Escape', async () => {
    await setLine('500', '0.02');
    await page.keyboard.press('Control+Enter');
    await page.getByTestId('scan-report').waitFor({ state: 'detached' }); // the new scan replaced the last report
    await expect.poll(async () => Number(await page.getByTestId('live-table').getAttribute('data-rows'))).toBeGreaterThan(3);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('scan-report').textContent()).toMatch(/success/);
  });

  it('shows a grid scan as a live image, and the report leads to the History, the Browser and a SPEC file', async () => {
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
    const before = await page.getByTestId('scan-report').getAttribute('data-entry');
    await page.getByRole('button', { name: 'Start' }).click();
    await page.getByTestId('scan-grid-image').waitFor();
    await expect.poll(() => page.getByTestId('scan-report').getAttribute('data-entry', { timeout: 1000 }).catch(() => before)).not.toBe(before);
    expect(await page.locator('[data-testid="scan-grid-image"] canvas.imageview-canvas').evaluate((c) => [(c as unknown as { width: number }).width, (c as unknown as { height: number }).height])).toEqual([4, 5]);
    await screenshot(page, 'panel-scan-grid');
    await page.getByRole('button', { name: 'Export SPEC' }).click();
    await expect.poll(() => page.getByTestId('report-export').textContent()).toMatch(/Written to .*scans\.spec as #S 1/);
    const entry = (await page.getByTestId('scan-report').getAttribute('data-entry'))!;
    await page.getByRole('button', { name: 'Show in History' }).click();
    await page.locator('#panel-history').waitFor();
    await expect.poll(() => page.getByTestId('history-detail').textContent()).toMatch(new RegExp(`Scan ${entry.split('.')[0]}: grid_scan`));
    await page.getByRole('button', { name: 'Open in Browser' }).click();
    await page.getByTestId('browser-default-plot').waitFor();
  });
});
