/* global window, document, requestAnimationFrame */
// Serves a built page and measures, over 8 s in headless Chromium: frames committed per second while frames
// arrive at 30 fps, and rAF interval median / p95. Usage: node measure.mjs dist-dir [extra chromium args...]
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { join, extname } from 'node:path';
import { chromium } from '@@REPO@@/node_modules/playwright-core/index.mjs';

const dir = process.argv[2];
const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
const server = createServer((req, res) => {
  try {
    const p = join(dir, req.url === '/' ? 'index.html' : req.url.split('?')[0]);
    const body = readFileSync(p);
    res.writeHead(200, { 'content-type': types[extname(p)] ?? 'application/octet-stream' });
    res.end(body);
  } catch { res.writeHead(404); res.end(); }
}).listen(0, '127.0.0.1');
await new Promise((r) => server.once('listening', r));
const args = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', ...process.argv.slice(3)];
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args });
const page = await browser.newPage({ viewport: { width: 1024, height: 700 } });
const errors = [];
page.on('pageerror', (e) => errors.push(String(e)));
page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
await page.goto(`http://127.0.0.1:${server.address().port}/`);
await page.waitForTimeout(2000);
const r = await page.evaluate(() => new Promise((resolve) => {
  const out = []; let last = performance.now(); const t0 = last; const s0 = window.__shown; const p0 = window.__produced;
  const step = (t) => { out.push(t - last); last = t; if (t - t0 < 8000) requestAnimationFrame(step); else resolve({ out, shown: (window.__shown - s0) / ((t - t0) / 1000), produced: (window.__produced - p0) / ((t - t0) / 1000), canvases: document.querySelectorAll('canvas').length }); };
  requestAnimationFrame(step);
}));
const s = r.out.sort((a, b) => a - b);
const q = (f) => s[Math.min(s.length - 1, Math.floor(f * s.length))];
console.log(JSON.stringify({ dir, shownFps: +r.shown.toFixed(1), producedFps: +r.produced.toFixed(1), rafMedianMs: +q(0.5).toFixed(1), rafP95Ms: +q(0.95).toFixed(1), canvases: r.canvases, errors: errors.slice(0, 3) }));
await page.screenshot({ path: `${dir}.png` });
await browser.close();
server.close();
