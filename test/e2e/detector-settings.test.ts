// The detector settings panel in the Viewer, in Chromium against `daq serve`: the selected detector's exposure and
// tunable settings are edited and applied, out-of-range values are refused before they are sent, and a preset
// saved under a name restores them after a reload (the server keeps them in <dataDir>/detector-presets.json).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { python } from '../helpers/python.ts';
import { openApp, screenshot, type OpenedApp } from './harness.ts';

let app: OpenedApp;

beforeAll(async () => {
  app = await openApp();
  await app.page.setViewportSize({ width: 1024, height: 700 });
  await app.page.getByTestId('detector-table').waitFor();
});

afterAll(async () => {
  await app?.close();
});

describe('Detector settings', () => {
  it('shows the selected detector, its changeable settings and the fixed ones', async () => {
    const panel = app.page.getByTestId('detector-settings');
    await expect.poll(() => panel.locator('summary').textContent()).toBe('Settings: eiger1');
    expect(await app.page.getByLabel('eiger1 setting spotPeak').inputValue()).toBe('3000');
    expect(await panel.locator('.fixed-settings').textContent()).toMatch(/width=512, height=512/);
    await app.page.getByTestId('detector-monitor').locator('td.name').click();
    await expect.poll(() => panel.locator('summary').textContent()).toBe('Settings: monitor');
    await app.page.getByTestId('detector-eiger1').locator('td.name').click();
    await expect.poll(() => panel.locator('summary').textContent()).toBe('Settings: eiger1');
  });

  it('refuses a value out of range and applies a valid change with the exposure', async () => {
    const apply = app.page.getByTestId('detector-settings').getByRole('button', { name: 'Apply' });
    await app.page.getByLabel('eiger1 setting spotPeak').fill('70000');
    expect(await apply.isDisabled()).toBe(true);
    expect(await apply.getAttribute('title')).toMatch(/Out of range: spotPeak/);
    await app.page.getByLabel('eiger1 setting spotPeak').fill('500');
    await app.page.getByLabel('eiger1 setting exposure').fill('0.1');
    await apply.click();
    await expect.poll(() => app.page.getByTestId('detector-settings-message').textContent()).toBe('Applied to eiger1.');
    expect(await app.page.getByLabel('eiger1 setting spotPeak').inputValue()).toBe('500');
    // The detector table's exposure box follows.
    await expect.poll(() => app.page.getByTestId('detector-eiger1').getByLabel('eiger1 exposure').inputValue()).toBe('0.1');
    await screenshot(app.page, 'detector-settings');
    const box = (await app.page.getByTestId('detector-settings').boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(1024);
  });

  it('saves a preset and restores it after a reload', async () => {
    await app.page.getByLabel('eiger1 preset name').fill('dim spot');
    await app.page.getByRole('button', { name: 'Save preset' }).click();
    await expect.poll(() => app.page.getByTestId('detector-settings-message').textContent()).toBe('Preset "dim spot" saved for eiger1.');
    const stored = JSON.parse(readFileSync(join(app.served.dir, 'data', 'detector-presets.json'), 'utf8')) as { name: string; values: { exposure: number; settings: Record<string, number> } }[];
    expect(stored).toMatchObject([{ name: 'eiger1:dim spot', values: { exposure: 0.1, settings: { spotPeak: 500 } } }]);

    // Back to other values, then the preset after a reload.
    await app.page.getByLabel('eiger1 setting spotPeak').fill('2000');
    await app.page.getByTestId('detector-settings').getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => app.page.getByLabel('eiger1 setting spotPeak').inputValue()).toBe('2000');
    await app.page.reload();
    await app.page.getByTestId('detector-settings').waitFor();
    await expect.poll(() => app.page.getByLabel('eiger1 preset', { exact: true }).inputValue()).toBe('dim spot');
    await app.page.getByRole('button', { name: 'Load' }).click();
    await expect.poll(() => app.page.getByLabel('eiger1 setting spotPeak').inputValue()).toBe('500');
    expect(await app.page.getByTestId('detector-settings-message').textContent()).toBe('Preset "dim spot" applied to eiger1.');
  });

  it('refuses a change while Do Save writes that detector, saying what to do, and the file keeps its settings', async () => {
    await app.page.getByLabel('Do Save').click();
    await expect.poll(() => app.page.getByTestId('current-path').textContent()).toMatch(/\.h5$/);
    const file = (await app.page.getByTestId('current-path').textContent())!;
    await app.page.getByLabel('eiger1 setting spotPeak').fill('100');
    await app.page.getByTestId('detector-settings').getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => app.page.getByTestId('error-banner').textContent()).toMatch(/BUSY.*eiger1 is being saved; untick Do Save first/);
    await app.page.getByRole('button', { name: 'Dismiss' }).click();
    await app.page.getByLabel('Do Save').click();
    await expect.poll(() => app.page.getByTestId('current-path').textContent()).toBe('—');
    // Unticked: the same change goes through.
    await app.page.getByTestId('detector-settings').getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => app.page.getByTestId('detector-settings-message').textContent()).toBe('Applied to eiger1.');
    expect(await app.page.getByLabel('eiger1 setting spotPeak').inputValue()).toBe('100');
    // The closed file says what its frames were taken with: the preset's spotPeak, read by h5py.
    const got = python<{ spotPeak: number; exp_time: number }>(
      `
import sys, json, h5py
f = h5py.File(sys.argv[1], 'r'); g = f[f.attrs['default']]['instrument/eiger1/settings']
print(json.dumps({'spotPeak': g['spotPeak'][()].item(), 'exp_time': g['exp_time'][()].item()}))`,
      file,
    );
    expect(got).toEqual({ spotPeak: 500, exp_time: 0.1 });
  });
});
