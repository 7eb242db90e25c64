// Do Save answers at once: when the Viewer opens (getViewerState), the saver's writer thread starts and loads
// h5wasm in the background, so ticking Do Save no longer waits for that (it took ~1.7 s); the status that says
// "on" reaches the UI with a file that already exists. The latency itself is measured in bench/saving.bench.ts.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { openSession } from '../../../src/main/session.ts';
import type { SaverStatus } from '../../../src/shared/viewer.ts';
import { python } from '../../helpers/python.ts';

const dir = mkdtempSync(join(tmpdir(), 'daq-dosave-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Do Save', () => {
  it('has its writer thread ready once the Viewer is open, before any file is started', async () => {
    const s = await openSession({ dataDir: join(dir, 'data'), basePath: join(dir, 'files') });
    try {
      expect(s.saver.wasmHeapBytes()).toBe(0); // nothing loaded before the Viewer asks
      await s.api.getViewerState();
      await vi.waitFor(() => expect(s.saver.wasmHeapBytes()).toBeGreaterThan(0), { timeout: 30_000, interval: 20 });
      expect(existsSync(join(dir, 'files'))).toBe(false); // warming wrote no data file
      // The warm-up's scratch file is gone.
      expect(readdirSync(tmpdir()).filter((f) => f.startsWith(`daq-writer-warmup-${process.pid}-`))).toEqual([]);
    } finally {
      await s.close();
    }
  });

  it('publishes "on" with a file that exists, and the file takes frames', async () => {
    const s = await openSession({ dataDir: join(dir, 'data2'), basePath: join(dir, 'files2') });
    try {
      await s.api.getViewerState();
      const seen: { st: SaverStatus; exists: boolean }[] = [];
      s.on('saver.status', (st) => seen.push({ st, exists: st.currentPath !== '' && existsSync(st.currentPath) }));
      const on = await s.api.setDoSave(true, 'eiger1');
      expect(on.doSave).toBe(true);
      const first = seen.find((e) => e.st.doSave);
      expect(first?.exists).toBe(true);
      expect(first?.st.currentPath).toBe(on.currentPath);
      s.viewer.setExpTime('eiger1', 0);
      await s.viewer.grab('eiger1', 2);
      expect((await s.api.setDoSave(false)).framesSaved).toBe(2);
    } finally {
      await s.close();
    }
  });

  it('ticked again while the last file is still closing, starts the next file only then, and it takes the frames', async () => {
    // The status says "off" as soon as Do Save is unticked; a window that sees it may tick Do Save again before the
    // first call has returned. The next file then used to start under the closing one, which dropped its frames.
    const s = await openSession({ dataDir: join(dir, 'data3'), basePath: join(dir, 'files3') });
    try {
      s.viewer.setExpTime('eiger1', 0);
      const first = await s.api.setDoSave(true, 'eiger1');
      await s.viewer.grab('eiger1', 30);
      const offSeen = new Promise<void>((resolve) => {
        const stop = s.on('saver.status', (st) => {
          if (st.doSave || st.currentPath !== '') return;
          stop();
          resolve();
        });
      });
      const off = s.api.setDoSave(false);
      await offSeen; // what the window sees; the close is still on its way
      const second = await s.api.setDoSave(true, 'eiger1');
      expect(second.currentPath).not.toBe(first.currentPath);
      expect((await off).framesSaved).toBe(30);
      await s.viewer.snap('eiger1');
      const closed = await s.api.setDoSave(false);
      expect(closed.framesSaved).toBe(1);
      const rows = python<number[]>(
        `
import sys, json, h5py
fs = [h5py.File(p, 'r') for p in sys.argv[1:]]
print(json.dumps([f[f.attrs['default'] + '/instrument/eiger1/data'].shape[0] for f in fs]))`,
        first.currentPath,
        second.currentPath,
      );
      expect(rows).toEqual([30, 1]);
    } finally {
      await s.close();
    }
  });
});
