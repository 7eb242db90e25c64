// Issue 12 (settings are events) in Chromium against `daq serve`: a base path set in the Viewer's saving block shows
// at once in the status bar, the Settings table and Scan → Export SPEC's file, in this window and in a second
// client that was already open (no reload); base name, compression and scan-file options follow the same way.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { newPage, openApp, screenshot, type OpenedApp } from './harness.ts';

// The machine running CI may be loaded: each condition gets time, and is still waited on, never slept on.
const until = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 30_000, interval: 100 });

let app: OpenedApp;
/** The second client: another browser page on the same server, opened before the change. */
let other: Page;

beforeAll(async () => {
  app = await openApp();
  other = await newPage(app.browser);
  await other.goto(app.served.url);
});

afterAll(async () => {
  await app?.close();
});

describe('settings follow settings.changed in every view and client', () => {
  it('a base path set in the Viewer shows in the status bar, Settings and Scan export, here and in a second client', async () => {
    const { page, served } = app;
    const started = join(served.dir, 'files');
    const moved = join(served.dir, 'moved');
    mkdirSync(moved);

    // The second client finishes a scan first, so its Scan panel is open with a report when the path changes.
    await other.getByRole('tab', { name: 'Scan' }).click();
    await other.getByLabel('scan type').selectOption('count');
    await other.getByLabel('exposure').fill('0.001');
    await until(() => other.getByRole('button', { name: 'Start' }).isEnabled()).toBe(true);
    await other.getByRole('button', { name: 'Start' }).click();
    await other.getByTestId('scan-report').waitFor({ timeout: 30_000 });
    await until(() => other.getByTestId('status-base-path').textContent()).toBe(`base path: ${started}`);

    // This window: the Viewer's saving block (shown for the selected detector).
    await page.getByTestId('detector-eiger1').locator('td.name').click();
    const block = page.getByTestId('saving-block');
    await until(() => block.getByLabel('base path').inputValue()).toBe(started);
    await block.getByLabel('base path').fill(moved);
    await block.getByRole('button', { name: 'Set' }).click();

    await until(() => page.getByTestId('status-base-path').textContent()).toBe(`base path: ${moved}`);
    await until(() => other.getByTestId('status-base-path').textContent()).toBe(`base path: ${moved}`);
    expect(await other.getByTestId('status-base-path').getAttribute('title')).toContain('chosen in the app');

    // The second client's Scan panel (open all along) exports into the new base path.
    await other.getByRole('button', { name: 'Export SPEC' }).click();
    await until(() => other.getByTestId('report-export').textContent()).toMatch(new RegExp(`^Written to ${moved}/scans\\.spec as #S 1`));
    expect(existsSync(join(moved, 'scans.spec'))).toBe(true);
    expect(existsSync(join(started, 'scans.spec'))).toBe(false);

    // The Settings table and base path field, in both clients.
    for (const p of [page, other]) {
      await p.getByRole('tab', { name: 'Settings' }).click();
      await until(() => p.getByTestId('settings-table').textContent()).toContain(`${moved} (chosen in the app)`);
      await until(() => p.getByTestId('settings-base-path').getByLabel('base path').inputValue()).toBe(moved);
    }
    await screenshot(other, 'settings-after-viewer-change');
  });

  it('a base path set in Settings shows in a Viewer that is open in the other client', async () => {
    const { page, served } = app;
    const again = join(served.dir, 'again');
    mkdirSync(again);
    await other.getByRole('tab', { name: 'Viewer' }).click();
    await other.getByTestId('detector-eiger1').locator('td.name').click();
    const box = page.getByTestId('settings-base-path');
    await box.getByLabel('base path').fill(again);
    await box.getByRole('button', { name: 'Set' }).click();
    await until(() => other.getByTestId('saving-block').getByLabel('base path').inputValue()).toBe(again);
    await until(() => other.getByTestId('status-base-path').textContent()).toBe(`base path: ${again}`);
  });

  it('base name and compression set in the Viewer (one call) show in the other client and are saved', async () => {
    const { page, served } = app;
    await page.getByRole('tab', { name: 'Viewer' }).click();
    await page.getByTestId('detector-eiger1').locator('td.name').click();
    const block = page.getByTestId('saving-block');
    // The shared base-name rule marks a bad name and keeps Do Save off.
    await block.getByLabel('base name').fill('.hidden');
    await until(() => block.locator('label.field.invalid').getAttribute('title')).toMatch(/must not start with "\."/);
    expect(await block.getByLabel('Do Save').isDisabled()).toBe(true);
    await block.getByLabel('base name').fill('run_7');
    await block.getByLabel('base name').blur();
    await block.getByLabel('compression', { exact: true }).selectOption('gzip');
    const theirs = other.getByTestId('saving-block');
    await until(() => theirs.getByLabel('base name').inputValue()).toBe('run_7');
    await until(() => theirs.getByLabel('compression', { exact: true }).inputValue()).toBe('gzip');
    const saved = JSON.parse(readFileSync(join(served.dir, 'data', 'settings.json'), 'utf8')) as { continuous: { baseName: string; compression: string } };
    expect(saved.continuous).toMatchObject({ baseName: 'run_7', compression: 'gzip' });
  });

  it('the scan-file compression set in Settings shows in the Scan panel open in the other client', async () => {
    await app.page.getByRole('tab', { name: 'Settings' }).click();
    await other.getByRole('tab', { name: 'Scan' }).click();
    await until(() => other.getByLabel('scan compression', { exact: true }).inputValue()).toBe('none');
    await app.page.getByLabel('scan compression', { exact: true }).selectOption('lz4');
    await until(() => other.getByLabel('scan compression', { exact: true }).inputValue()).toBe('lz4');
  });
});
