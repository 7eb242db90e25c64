// History → Overlay: the ticked scans' main 0-D channel against their first motor in one plot, each series named
// "#<scanNumber> <detector>", so repeats of an alignment scan can be compared by eye; another channel the ticked
// scans share can be chosen instead.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { daqCli, openApp, screenshot, type OpenedApp } from './harness.ts';

let app: OpenedApp;

const daq = daqCli;

beforeAll(async () => {
  app = await openApp({
    beforeLoad: (served) => {
      // Scans 1 and 2 also record diode1: the overlay can plot it for both; scan 3 has det only.
      daq(served.dir, 'scan', 'line', 'samx', '-1', '1', '--steps', '7', '--detectors', 'det,diode1');
      daq(served.dir, 'scan', 'line', 'samx', '-0.5', '0.5', '--steps', '5', '--detectors', 'det,diode1');
      daq(served.dir, 'scan', 'line', 'samx', '-1', '1', '--steps', '4', '--detectors', 'det');
    },
  });
  await app.page.setViewportSize({ width: 1024, height: 700 });
  await app.page.getByRole('tab', { name: 'History' }).click();
  await app.page.getByTestId('history-table').waitFor();
});

afterAll(async () => {
  await app?.close();
});

describe('History overlay', () => {
  it('needs two ticked scans, and says so', async () => {
    await expect.poll(() => app.page.getByTestId('history-table').getAttribute('data-total')).toBe('3');
    const overlay = app.page.getByRole('button', { name: 'Overlay' });
    expect(await overlay.isDisabled()).toBe(true);
    expect(await overlay.getAttribute('title')).toMatch(/Tick two or more scans/);
    await app.page.getByLabel('select scan 1').check();
    expect(await overlay.isDisabled()).toBe(true);
  });

  it('plots the ticked scans in one plot, one labelled series per scan', async () => {
    await app.page.getByLabel('select scan 3').check();
    await app.page.getByLabel('select scan 2').check();
    await app.page.getByRole('button', { name: 'Overlay' }).click();
    const plot = app.page.getByTestId('history-overlay-plot');
    await plot.waitFor();
    // 7 + 5 + 4 points, in scan order whatever order they were ticked in.
    await expect.poll(() => plot.getAttribute('data-points')).toBe('16');
    expect((await plot.getAttribute('data-series'))!.split('\n')).toEqual(['#1 det', '#2 det', '#3 det']);
    expect(await app.page.getByTestId('history-overlay').textContent()).toMatch(/Overlay of 3 scans/);
    // The plot is fully inside the window at 1024×700.
    const box = (await plot.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(700);
    expect(box.x + box.width).toBeLessThanOrEqual(1024);
    await screenshot(app.page, 'history-overlay');
  });

  it('offers only the channels every ticked scan has', async () => {
    const choice = app.page.getByLabel('overlay channel');
    await expect.poll(() => choice.locator('option').allTextContents()).toEqual(["each scan's main channel", 'det']);
  });

  it('plots another shared channel of the ticked scans when chosen', async () => {
    await app.page.getByLabel('select scan 3').uncheck();
    await app.page.getByRole('button', { name: 'Overlay' }).click();
    await expect.poll(() => app.page.getByTestId('history-overlay').textContent()).toMatch(/Overlay of 2 scans/);
    const choice = app.page.getByLabel('overlay channel');
    await expect.poll(() => choice.locator('option').allTextContents()).toEqual(["each scan's main channel", 'det', 'diode1']);
    const plot = app.page.getByTestId('history-overlay-plot');
    await expect.poll(() => plot.getAttribute('data-series')).toBe('#1 det\n#2 det');
    await choice.selectOption('diode1');
    await expect.poll(() => plot.getAttribute('data-series')).toBe('#1 diode1\n#2 diode1');
    expect(await plot.getAttribute('data-points')).toBe('12');
    await screenshot(app.page, 'history-overlay-channel');
  });

  it('goes back to one scan when a row is clicked', async () => {
    await app.page.getByTestId('history-row-2').click();
    await expect.poll(() => app.page.getByTestId('history-plot').getAttribute('data-points')).toBe('5');
    expect(await app.page.getByTestId('history-overlay').count()).toBe(0);
  });
});
