// The window reopens where it was, unless that place is no longer on any screen.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SettingsStore } from '../../../src/main/settings.ts';
import { saveBounds, savedBounds } from '../../../src/main/window-bounds.ts';

const dir = mkdtempSync(join(tmpdir(), 'daq-bounds-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const screen = [{ x: 0, y: 0, width: 1920, height: 1080 }];

describe('window bounds', () => {
  it('are saved in the settings and restored after a restart', () => {
    saveBounds(new SettingsStore(dir), { x: 100, y: 50, width: 1366, height: 768, maximized: false });
    expect(savedBounds(new SettingsStore(dir), screen)).toEqual({ x: 100, y: 50, width: 1366, height: 768, maximized: false });
  });
  it('move back onto the screen when the old place is off every screen (a monitor was unplugged)', () => {
    saveBounds(new SettingsStore(dir), { x: 3000, y: 50, width: 1000, height: 700, maximized: true });
    expect(savedBounds(new SettingsStore(dir), screen)).toEqual({ x: 0, y: 0, width: 1000, height: 700, maximized: true });
  });
  it('are ignored when the saved value is not a window layout', () => {
    new SettingsStore(dir).update({ ui: { layout: { window: 'huge' } } });
    expect(savedBounds(new SettingsStore(dir), screen)).toBeUndefined();
  });
});
