// Issue 15 in Chromium against `daq serve`: the live view is the largest thing on the Viewer and, like the scan
// plot, fits 1024×700 and 1440×900 without scrolling; the side pane resizes; the error banner floats; motors move
// relatively, tweak and stop on Escape; the exposure box shows the backend's value; continuous saving clears its
// path; the base path can be browsed to a folder that does not exist yet and set in Settings.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, screenshot, serve, type Served } from './harness.ts';

// The machine running CI may be loaded: each condition gets time, and is still waited on, never slept on.
const until = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 30_000, interval: 100 });

let served: Served;
let browser: Browser;

beforeAll(async () => {
  // Real (timed) moves: Escape has to stop a motor that is still on its way.
  served = await serve([], { realMoves: true });
  browser = await launchChromium();
});

// Every window a test opened closes after it, and a detector it left grabbing stops (a failed test must not load
// the machine for the next ones).
const opened: Page[] = [];
afterEach(async () => {
  for (const page of opened.splice(0)) {
    const stop = page.getByLabel('Stop eiger1');
    if (await stop.isEnabled({ timeout: 1000 }).catch(() => false)) await stop.click().catch(() => undefined);
    await page.context().close();
  }
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

async function open(width: number, height: number, panel = 'viewer'): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width, height } })).newPage();
  opened.push(page);
  await page.goto(served.url);
  await page.locator(`#tab-${panel}`).click();
  await page.locator(`#panel-${panel}`).waitFor();
  return page;
}

/** What does not fit: the page or the panel area scrolls, or an element outside a scrolling pane is taller than
 * the window (a pane's own scrolled content may be, that is what the pane is for). */
async function overflow(page: Page): Promise<string[]> {
  // Runs in the page (a string: this file is type-checked without the DOM library).
  return page.evaluate<string[]>(`(() => {
    const bad = [];
    const doc = document.scrollingElement;
    if (doc.scrollHeight > innerHeight + 1) bad.push('page scrolls: ' + doc.scrollHeight + ' > ' + innerHeight);
    const panels = document.querySelector('.panels');
    if (panels.scrollHeight > panels.clientHeight + 1) bad.push('panel area scrolls: ' + panels.scrollHeight + ' > ' + panels.clientHeight);
    const scrolls = (e) => ['auto', 'scroll'].includes(getComputedStyle(e).overflowY) && !e.classList.contains('panels');
    for (const e of document.querySelectorAll('body *')) {
      if (e.getBoundingClientRect().height <= innerHeight) continue;
      let p = e.parentElement;
      while (p && !scrolls(p)) p = p.parentElement;
      if (!p) bad.push(e.tagName.toLowerCase() + '.' + [...e.classList].join('.') + ' is ' + Math.round(e.getBoundingClientRect().height) + ' px tall');
    }
    return bad;
  })()`);
}

async function fullyVisible(page: Page, selector: string): Promise<boolean> {
  const box = await page.locator(selector).first().boundingBox();
  const vp = page.viewportSize()!;
  return !!box && box.width > 100 && box.height > 100 && box.x >= 0 && box.y >= 0 && box.x + box.width <= vp.width && box.y + box.height <= vp.height;
}

describe('Viewer and Scan panel layout', () => {
  for (const [w, h] of [
    [1024, 700],
    [1440, 900],
  ] as const) {
    it(`at ${w}×${h} the live image and the scan plot are fully visible, nothing taller than the window`, async () => {
      const page = await open(w, h);
      await page.getByLabel('Grab eiger1').click();
      await page.getByTestId('camera-image').waitFor();
      await until(() => fullyVisible(page, '.imageview-viewport')).toBe(true);
      expect(await overflow(page)).toEqual([]);
      // The live view is the largest thing on the Viewer: larger than the motor and detector tables.
      const image = (await page.locator('.imageview-viewport').boundingBox())!;
      for (const t of ['motor-table', 'detector-table']) {
        const b = (await page.getByTestId(t).boundingBox())!;
        expect(image.width * image.height).toBeGreaterThan(b.width * b.height);
      }
      // The colour bar is as tall as the image beside it, not thousands of pixels.
      const bar = (await page.locator('.colorbar-canvas').boundingBox())!;
      expect(bar.height).toBeLessThanOrEqual(image.height);
      await screenshot(page, `layout-viewer-${w}x${h}`);
      await page.getByLabel('Stop eiger1').click();

      await page.locator('#tab-scan').click();
      await page.getByLabel('scan type').selectOption('line');
      await page.getByLabel('points', { exact: true }).fill('5');
      await page.getByLabel('exposure').fill('0.01');
      await page.getByTestId('start-scan').click();
      await until(() => page.getByTestId('scan-plot').getAttribute('data-points')).toBe('5');
      expect(await fullyVisible(page, '[data-testid="scan-plot"]')).toBe(true);
      expect(await overflow(page)).toEqual([]);
      await screenshot(page, `layout-scan-${w}x${h}`);
      await page.context().close();
    });
  }

  it('the side pane resizes with its divider (mouse and keyboard) and keeps its width after a reload', async () => {
    const page = await open(1440, 900);
    const side = page.getByTestId('viewer-side');
    await side.waitFor();
    const before = (await side.boundingBox())!.width;
    const div = (await page.getByTestId('viewer-divider').boundingBox())!;
    await page.mouse.move(div.x + div.width / 2, div.y + 200);
    await page.mouse.down();
    await page.mouse.move(div.x + div.width / 2 - 120, div.y + 200, { steps: 5 });
    await page.mouse.up();
    await until(async () => Math.round((await side.boundingBox())!.width - before)).toBe(120);
    await page.getByTestId('viewer-divider').focus();
    await page.keyboard.press('ArrowRight');
    await until(async () => Math.round((await side.boundingBox())!.width - before)).toBe(96);
    await page.reload();
    await page.getByTestId('viewer-side').waitFor();
    await until(async () => Math.round((await page.getByTestId('viewer-side').boundingBox())!.width - before)).toBe(96);
    await page.context().close();
  });
});

describe('Viewer behaviour', () => {
  it('shows the error banner over the layout instead of pushing the app down', async () => {
    const page = await open(1024, 700);
    const tabs = (await page.locator('.topbar').boundingBox())!;
    const panel = (await page.locator('.panels').boundingBox())!;
    await page.getByLabel('samx setpoint').fill('99');
    await page.getByLabel('samx setpoint').press('Enter');
    await page.getByTestId('error-banner').waitFor();
    expect(await page.getByTestId('error-banner').textContent()).toMatch(/limit/i);
    expect((await page.locator('.topbar').boundingBox())!.y).toBe(tabs.y);
    expect((await page.locator('.panels').boundingBox())!.y).toBe(panel.y);
    await page.getByRole('button', { name: 'Dismiss' }).click();
    await page.context().close();
  });

  it('moves motors relatively ("+1", "+=0.5", "-=2"), tweaks by a step, and "-1" stays absolute', async () => {
    const page = await open(1440, 900);
    // The simulated encoder reads a few 1e-4 off the setpoint.
    const readback = async () => Math.round(Number((await page.getByTestId('readback-samz').textContent())!.replace(/[^\d.+-]/g, '')) * 100) / 100;
    const type = async (text: string) => {
      await page.getByLabel('samz setpoint').fill(text);
      await page.getByLabel('samz setpoint').press('Enter');
    };
    await type('1');
    await until(readback).toBe(1);
    await type('+1');
    await until(readback).toBe(2);
    await type('+=0.5');
    await until(readback).toBe(2.5);
    await type('-=2');
    await until(readback).toBe(0.5);
    await page.getByLabel('samz step').fill('0.25');
    await page.getByLabel('samz tweak up').click();
    await until(readback).toBe(0.75);
    await page.getByLabel('samz tweak down').click();
    await page.getByLabel('samz tweak down').click();
    await until(readback).toBe(0.25);
    await type('-1');
    await until(readback).toBe(-1);
    // A relative move beyond the limits is marked before sending.
    await page.getByLabel('samz setpoint').fill('+=10');
    await until(() => page.getByLabel('samz setpoint').getAttribute('class')).toContain('invalid');
    await page.context().close();
  });

  it('Escape stops a moving motor in the Viewer and in any other panel', async () => {
    const page = await open(1440, 900);
    const readback = async (m: string) => Number((await page.getByTestId(`readback-${m}`).textContent())!.replace(/[^\d.+-]/g, ''));
    await page.getByLabel('omega setpoint').fill('170');
    await page.getByLabel('omega setpoint').press('Enter');
    await until(() => readback('omega')).toBeGreaterThan(5);
    await page.keyboard.press('Escape');
    await until(() => page.getByTestId('readback-omega').getAttribute('title')).toBe('idle');
    const stopped = await readback('omega');
    expect(stopped).toBeLessThan(150);
    // In the History panel: the motor table is not shown, Escape still stops.
    await page.getByLabel('omega setpoint').fill('-170');
    await page.getByLabel('omega setpoint').press('Enter');
    await until(() => readback('omega')).toBeLessThan(stopped - 5);
    await page.locator('#tab-history').click();
    await page.locator('#panel-history').waitFor();
    await page.keyboard.press('Escape');
    await page.locator('#tab-viewer').click();
    await until(() => page.getByTestId('readback-omega').getAttribute('title')).toBe('idle');
    expect(await readback('omega')).toBeGreaterThan(-150);
    await page.context().close();
  });

  it("the exposure box shows the backend's exposure, also when another window changes it", async () => {
    const a = await open(1440, 900);
    const b = await open(1440, 900);
    await until(() => a.getByLabel('eiger1 exposure').inputValue()).toBe('0.02');
    await b.getByLabel('eiger1 exposure').fill('0.03');
    await b.getByLabel('eiger1 exposure').press('Enter');
    await until(() => a.getByLabel('eiger1 exposure').inputValue()).toBe('0.03');
    await a.reload();
    await a.getByTestId('detector-table').waitFor();
    await until(() => a.getByLabel('eiger1 exposure').inputValue()).toBe('0.03');
    await b.getByLabel('eiger1 exposure').fill('0.02');
    await b.getByLabel('eiger1 exposure').press('Enter');
    await until(() => a.getByLabel('eiger1 exposure').inputValue()).toBe('0.02');
    await a.context().close();
    await b.context().close();
  });

  it('continuous saving: the current path clears as soon as Do Save is unticked, and wraps only between folders', async () => {
    const page = await open(1024, 700);
    await page.getByTestId('detector-eiger1').locator('td.name').click();
    await page.getByLabel('base name').fill('a_rather_long_base_name_for_wrapping');
    await page.getByLabel('base name').blur();
    await page.getByLabel('Do Save').click();
    await until(() => page.getByTestId('current-path').textContent()).toMatch(/a_rather_long_base_name_for_wrapping_\d{8}_\d\d_\d\d_\d\d\.h5$/);
    await page.getByLabel('Grab eiger1').click();
    await until(async () => Number(await page.getByTestId('frames-saved').textContent())).toBeGreaterThan(3);
    // The file name is on one line (its segment gives one box), folders may wrap before it.
    const lines = await page.evaluate<number>(`(() => {
      const el = document.querySelector('[data-testid="current-path"]');
      const range = document.createRange();
      range.selectNodeContents(el.lastElementChild ?? el);
      return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
    })()`);
    expect(lines).toBe(1);
    await screenshot(page, 'viewer-saving-path');
    await page.getByLabel('Do Save').click(); // still grabbing
    await until(() => page.getByTestId('current-path').textContent()).toBe('—');
    expect(await page.getByLabel('Stop eiger1').isEnabled()).toBe(true);
    await page.getByLabel('Stop eiger1').click();
    await page.context().close();
  });

  it('Browse… opens on a base path that does not exist yet; Settings sets the base path and says the command line wins at restart', async () => {
    const page = await open(1440, 900, 'settings');
    const box = page.getByTestId('settings-base-path');
    await until(() => box.textContent()).toMatch(/--base-path/);
    const wanted = join(served.dir, 'not', 'yet', 'there');
    await box.getByLabel('base path').fill(wanted);
    await box.getByRole('button', { name: 'Browse…' }).click();
    await until(() => page.getByTestId('folder-current').textContent()).toBe(served.dir);
    await until(() => page.getByTestId('folder-missing').textContent()).toContain(wanted);
    expect(await page.getByTestId('error-banner').count()).toBe(0);
    await page.getByRole('button', { name: 'Use it' }).click();
    await until(() => page.getByTestId('status-base-path').textContent()).toBe(`base path: ${wanted}`);
    await until(() => box.textContent()).toMatch(/Started with --base-path .*lasts until the app restarts/);
    // The next continuous-saving file goes there (the folder is made on the first save).
    await page.locator('#tab-viewer').click();
    await page.getByTestId('detector-diode1').locator('td.name').click();
    await page.getByLabel('Do Save').click();
    await until(() => page.getByTestId('current-path').textContent()).toMatch(new RegExp(`^${wanted}/`));
    await page.getByLabel('Snap diode1').click();
    await until(async () => Number(await page.getByTestId('frames-saved').textContent())).toBe(1);
    await page.getByLabel('Do Save').click();
    expect(existsSync(wanted) && readdirSync(wanted).length).toBeGreaterThan(0);
    await page.context().close();
  });

  it('"?" and F1 open the keyboard shortcuts; Escape closes them; a "?" typed in a field is text', async () => {
    const page = await open(1024, 700);
    await page.getByTestId('motor-table').waitFor();
    await page.locator('body').press('?');
    const help = page.getByTestId('shortcut-help');
    await help.waitFor();
    expect(await help.textContent()).toMatch(/Escape.*stop every moving motor/);
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });
    await page.keyboard.press('F1');
    await help.waitFor();
    await help.getByRole('button', { name: /Close/ }).click();
    await help.waitFor({ state: 'detached' });
    await page.getByLabel('base name').pressSequentially('?');
    expect(await help.count()).toBe(0);
    await page.getByLabel('base name').fill('Data');
  });
});
