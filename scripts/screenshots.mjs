#!/usr/bin/env node
// `npm run screenshots`: the README's screenshots (docs/screenshot-*.png), light and dark, each panel with data.
// Runs a few scans with the `daq` command in a temp folder, serves the built app and drives Debian's Chromium
// (DAQ_CHROMIUM to use another) at 1366×768. Needs `npm run build` first.
/* global document -- the waitForFunction callbacks run in the page */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

if (!existsSync('out/renderer/index.html')) {
  console.error('The UI is not built: run `npm run build` first.');
  process.exit(1);
}
const dir = mkdtempSync(join(tmpdir(), 'daq-screenshots-'));
const common = ['--instant-moves', '--seed', '7', '--data-dir', join(dir, 'data'), '--base-path', join(dir, 'files')];
const daq = (...args) => {
  const r = spawnSync(process.execPath, ['bin/daq.mjs', ...args, ...common], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`daq ${args.join(' ')} failed: ${r.stderr}`);
};
daq('scan', 'line', 'samx', '-1', '1', '--steps', '41', '--md', '{"sample":{"name":"Si 111"},"comment":"first alignment"}');
daq('scan', 'line', 'samy', '-2', '2', '--steps', '31', '--md', '{"sample":{"name":"Si 111"}}');
daq('scan', 'grid', 'samx', '-1', '1', '21', 'samy', '-1', '1', '21', '--md', '{"sample":{"name":"Ge"}}');
daq('scan', 'count', '5', '--md', '{"sample":{"name":"Ge"}}');

const server = spawn(process.execPath, ['bin/daq.mjs', 'serve', '--json', ...common], { stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((resolve, reject) => {
  let out = '';
  server.on('exit', (code) => reject(new Error(`daq serve exited (${code})`)));
  server.stdout.on('data', (d) => {
    out += d;
    const line = out.split('\n').find((l) => l.startsWith('{'));
    if (line) resolve(JSON.parse(line).url);
  });
});
const browser = await chromium.launch({
  executablePath: process.env.DAQ_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const shot = (page, name) => page.screenshot({ path: join('docs', `${name}.png`), timeout: 90_000 });
try {
  const page = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
  await page.goto(url);
  for (const suffix of ['', '-dark']) {
    if (suffix) await page.locator('.theme-toggle').click();
    // Viewer: the camera grabbing, its frame counter past a few frames so the colour scale has settled.
    await page.locator('#tab-viewer').click();
    await page.getByLabel('Grab eiger1').click();
    await page.waitForFunction(() => /frame (\d{2,})/.test(document.body.textContent ?? ''), null, { timeout: 60_000 });
    await shot(page, `screenshot-viewer${suffix}`);
    await page.getByLabel('Stop eiger1').click();
    // Scan: a finished line scan with its plot, peak statistics, report and table.
    await page.locator('#tab-scan').click();
    await page.getByLabel('scan type').selectOption('line');
    await page.getByLabel('motor 1').selectOption('samx');
    await page.getByLabel('start 1').fill('-1');
    await page.getByLabel('stop 1').fill('1');
    await page.getByLabel('points', { exact: true }).fill('41');
    await page.getByLabel('exposure').fill('0.02');
    await page.getByLabel('sample').fill('Si 111');
    const before = (await page.getByTestId('scan-report').getAttribute('data-entry', { timeout: 2000 }).catch(() => '')) ?? '';
    await page.getByTestId('start-scan').click();
    await page.waitForFunction(
      (b) => {
        const r = document.querySelector('[data-testid="scan-report"]');
        return !!r && r.getAttribute('data-entry') !== b && /success/.test(r.textContent ?? '');
      },
      before,
      { timeout: 60_000 },
    );
    await shot(page, `screenshot-scan${suffix}`);
    // History: the grid scan, drawn as a map.
    await page.locator('#tab-history').click();
    await page.getByTestId('history-row-3').click();
    await page.getByTestId('history-map').waitFor();
    await shot(page, `screenshot-history${suffix}`);
    // Browser: a scan's default plot.
    await page.getByTestId('history-row-1').click();
    await page.getByTestId('history-detail').getByRole('button', { name: 'Open in Browser' }).click();
    await page.getByTestId('browser-default-plot').waitFor();
    await shot(page, `screenshot-browser${suffix}`);
  }
} finally {
  await browser.close();
  server.kill();
  rmSync(dir, { recursive: true, force: true });
}
console.log('docs/screenshot-{viewer,scan,history,browser}{,-dark}.png written');
