// The IPC sender check: only the app's own top-level frame on app://daq may call the Api.
import { join, normalize, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isTrustedSender, resolveAppFile } from '../../../src/main/electron/sender-check.ts';

describe('IPC sender check', () => {
  const main = { url: 'app://daq/index.html' };
  it('accepts the main frame on the app protocol', () => {
    expect(isTrustedSender(main, main)).toBe(true);
  });
  it('refuses a sub-frame, even on the app protocol', () => {
    const child = { url: 'app://daq/index.html', top: main };
    expect(isTrustedSender(child, main)).toBe(false);
  });
  it('refuses a main frame that navigated elsewhere', () => {
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'app://other/index.html', 'http://127.0.0.1:5173/', 'not a url', '']) {
      const f = { url };
      expect(isTrustedSender(f, f), url).toBe(false);
    }
  });
  it('refuses a missing frame', () => {
    expect(isTrustedSender(null, main)).toBe(false);
    expect(isTrustedSender(main, null)).toBe(false);
  });
});

describe('app:// protocol file mapping', () => {
  const root = '/opt/daq/out/renderer';
  const map = (u: string) => resolveAppFile(u, root, join, normalize, sep);
  it('serves files inside the renderer folder', () => {
    expect(map('app://daq/')).toBe(join(root, 'index.html'));
    expect(map('app://daq/assets/index.js')).toBe(join(root, 'assets/index.js'));
  });
  it('never leaves the renderer folder', () => {
    for (const u of ['app://daq/../../etc/passwd', 'app://daq/%2e%2e/%2e%2e/etc/passwd', 'app://daq/..%2f..%2fetc/passwd', 'app://daq/%E0%A4%A', 'app://other/index.html', 'file:///etc/passwd']) {
      const f = map(u);
      expect(f === null || f.startsWith(root + sep), u).toBe(true);
    }
  });
});
