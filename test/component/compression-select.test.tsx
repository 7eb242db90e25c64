// The compression choice in real Chromium (the Viewer's saving block, the Scan panel and Settings all use it):
// every library is offered, each shows its one-line hint, the level follows the library's range (none for
// bitshuffle-lz4 and lz4, 1–9 for bzip2), and a change reports a patch.
import { createRoot } from 'react-dom/client';
import { flushSync } from 'react-dom';
import { afterEach, describe, expect, it } from 'vitest';
import { CompressionSelect, type CompressionValue } from '../../src/renderer/components/CompressionSelect.tsx';
import { COMPRESSION_CHOICES } from '../../src/shared/compression.ts';

let host: HTMLDivElement | undefined;
afterEach(() => host?.remove());

function mount(value: CompressionValue, patches: Partial<CompressionValue>[] = []) {
  host = document.createElement('div');
  document.body.appendChild(host);
  const root = createRoot(host);
  flushSync(() => root.render(<CompressionSelect value={value} onChange={(p) => patches.push(p)} />));
  return { host, root, patches };
}

describe('compression select', () => {
  it('offers none, gzip, blosc-lz4, blosc-zstd, bitshuffle-lz4, lz4 and bzip2', () => {
    const { host } = mount({ compression: 'gzip', level: 1 });
    const options = [...host.querySelectorAll('option')].map((o) => o.value);
    expect(options).toEqual(['none', 'gzip', 'blosc-lz4', 'blosc-zstd', 'bitshuffle-lz4', 'lz4', 'bzip2']);
  });

  it('shows a one-line hint per choice, and a level only where the library takes one', () => {
    host = document.createElement('div');
    document.body.appendChild(host);
    const root = createRoot(host);
    for (const c of COMPRESSION_CHOICES) {
      flushSync(() => root.render(<CompressionSelect value={{ compression: c.lib, level: 4 }} onChange={() => {}} />));
      const hint = host.querySelector('[data-testid="compression-hint"]')!.textContent!;
      expect(hint, c.lib).toBe(c.hint);
      expect(hint).not.toMatch(/\n/);
      const level = host.querySelector<HTMLInputElement>('input[aria-label="compression level"]')!;
      expect(level.disabled, c.lib).toBe(!c.levels);
      if (c.levels) expect([level.min, level.max]).toEqual([String(c.levels.min), String(c.levels.max)]);
    }
    expect(COMPRESSION_CHOICES.find((c) => c.lib === 'gzip')!.hint).toMatch(/compatible/i);
    expect(COMPRESSION_CHOICES.find((c) => c.lib === 'blosc-lz4')!.hint).toMatch(/fast/i);
    expect(COMPRESSION_CHOICES.find((c) => c.lib === 'blosc-zstd')!.hint).toMatch(/small/i);
  });

  it('reports the library chosen, moving the level into bzip2’s range 1–9', () => {
    const { host, patches } = mount({ compression: 'gzip', level: 0 });
    const select = host.querySelector('select')!;
    select.value = 'bitshuffle-lz4';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    select.value = 'bzip2';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    expect(patches).toEqual([{ compression: 'bitshuffle-lz4' }, { compression: 'bzip2', level: 1 }]);
  });
});
