// Saved positions in the Viewer's motor pane, in Chromium against `daq serve`: save where the motors are under a
// name, move them away, "Go to" brings every motor back, the set survives a reload, and Delete removes it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, screenshot, type OpenedApp } from './harness.ts';

let app: OpenedApp;
const readback = (m: string) => app.page.getByTestId(`readback-${m}`).textContent().then((t) => parseFloat(t ?? 'NaN'));

async function moveTo(motor: string, value: string) {
  await app.page.getByLabel(`${motor} setpoint`).fill(value);
  await app.page.getByLabel(`${motor} setpoint`).press('Enter');
  await expect.poll(() => readback(motor)).toBeCloseTo(Number(value), 2);
}

beforeAll(async () => {
  app = await openApp();
  await app.page.setViewportSize({ width: 1024, height: 700 });
  await app.page.getByTestId('motor-table').waitFor();
});

afterAll(async () => {
  await app?.close();
});

describe('Saved positions', () => {
  it('saves the positions of every motor under a name', async () => {
    await moveTo('samx', '0.3');
    await moveTo('samy', '-0.2');
    const name = app.page.getByLabel('saved positions name');
    await name.fill('__proto__');
    expect(await app.page.getByTestId('saved-positions').getByRole('button', { name: 'Save positions' }).isDisabled()).toBe(true);
    await name.fill('aligned');
    await app.page.getByTestId('saved-positions').getByRole('button', { name: 'Save positions' }).click();
    await expect.poll(() => app.page.getByTestId('saved-positions-message').textContent()).toMatch(/Saved "aligned": .*samx=0\.3.*samy=-0\.2/);
    const file = JSON.parse(readFileSync(join(app.served.dir, 'data', 'positions-saved.json'), 'utf8')) as { name: string; values: Record<string, number> }[];
    expect(file).toHaveLength(1);
    expect(file[0]!.values).toMatchObject({ samx: 0.3, samy: -0.2 });
    // The block fits beside the live view at 1024×700: the Go to button is inside the window.
    const box = (await app.page.getByTestId('saved-positions').getByRole('button', { name: 'Go to' }).boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(1024);
    await screenshot(app.page, 'saved-positions');
  });

  it('goes back to the saved set after a reload, moving every motor', async () => {
    await moveTo('samx', '1');
    await moveTo('samy', '1');
    await app.page.reload();
    await app.page.getByTestId('motor-table').waitFor();
    await expect.poll(() => app.page.getByLabel('saved position set').inputValue()).toBe('aligned');
    await app.page.getByTestId('saved-positions').getByRole('button', { name: 'Go to' }).click();
    await expect.poll(() => readback('samx')).toBeCloseTo(0.3, 2);
    await expect.poll(() => readback('samy')).toBeCloseTo(-0.2, 2);
    expect(await app.page.getByTestId('saved-positions-message').textContent()).toMatch(/At "aligned": \d+ motor\(s\) moved\./);
  });

  it('deletes a saved set', async () => {
    await app.page.getByTestId('saved-positions').getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => app.page.getByTestId('saved-positions-message').textContent()).toMatch(/Deleted "aligned"/);
    expect(await app.page.getByTestId('saved-positions').getByRole('button', { name: 'Go to' }).isDisabled()).toBe(true);
    expect(JSON.parse(readFileSync(join(app.served.dir, 'data', 'positions-saved.json'), 'utf8'))).toEqual([]);
  });
});
