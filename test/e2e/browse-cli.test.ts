// `daq serve --open FILE` (what `daq browse FILE` does): the UI starts on the Browser with the file open.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { writeThirdPartyFile } from '../helpers/third-party-file.ts';
import { launchChromium, newPage, serve, type Served } from './harness.ts';

const dir = mkdtempSync(join(tmpdir(), 'daq-browse-cli-'));
const file = join(dir, 'third.h5');
let served: Served;
let browser: Browser;

beforeAll(async () => {
  writeThirdPartyFile(file);
  served = await serve(['--open', file]);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await served?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('daq browse', () => {
  it('opens the UI on the Browser panel with the file open', async () => {
    const page = await newPage(browser);
    await page.goto(served.url);
    await page.locator('#panel-browser').waitFor();
    await page.getByTestId('tree-/entry').waitFor();
    expect(await page.locator('.file-tab.active').textContent()).toContain('third.h5');
    await page.getByTestId('browser-default-plot').waitFor();
  });

  it('refuses a file that is not there, before serving, with exit code 1', () => {
    const r = spawnSync(process.execPath, ['bin/daq.mjs', 'browse', join(dir, 'missing.h5'), '--data-dir', join(dir, 'd')], { encoding: 'utf8', timeout: 30_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/missing\.h5 does not exist/);
  });
});
