// The base-path field (Viewer's saving block and Settings) in real Chromium, with a bridge whose setSaving answer
// the test releases: a path typed while a Set is still on its way is what the user wants next, so the Set's
// answer (and the 'settings.changed' it brings) must not clear or overwrite it.
import { createRoot, type Root } from 'react-dom/client';
import { flushSync } from 'react-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Envelope } from '../../src/shared/errors.ts';
import type { EffectiveSettings } from '../../src/shared/settings.ts';
import { DEFAULT_SETTINGS } from '../../src/shared/settings.ts';
import { BasePathField } from '../../src/renderer/components/BasePathField.tsx';

const pendingSets: { path: string; answer(): void }[] = [];
const listeners = new Map<string, (payload: unknown) => void>();
let effective: EffectiveSettings = { settings: DEFAULT_SETTINGS, basePath: '/data/first', basePathSource: 'default' };

// Set before the first getBridge(), which then takes it as the desktop app's preload bridge.
window.daq = {
  api: new Proxy({} as Record<string, (...args: unknown[]) => Promise<Envelope<unknown>>>, {
    get:
      (_t, method: string) =>
      (...args: unknown[]) => {
        if (method === 'getEffectiveSettings') return Promise.resolve({ ok: true, value: effective });
        if (method === 'getAppInfo') return Promise.resolve({ ok: true, value: { startupBasePath: null } });
        if (method === 'setSaving') {
          const path = (args[0] as { basePath: string }).basePath;
          return new Promise<Envelope<unknown>>((resolve) =>
            pendingSets.push({
              path,
              answer: () => {
                // As the backend does: publish the change, then answer the call.
                effective = { ...effective, basePath: path, basePathSource: 'settings' };
                listeners.get('settings.changed')?.(effective);
                resolve({ ok: true, value: effective });
              },
            }),
          );
        }
        return Promise.reject(new Error(`unexpected call ${method}`));
      },
  }),
  on: (event: string, fn: (payload: unknown) => void) => {
    listeners.set(event, fn);
    return () => listeners.delete(event);
  },
};

let host: HTMLDivElement | undefined;
let root: Root | undefined;
afterEach(() => {
  root?.unmount();
  host?.remove();
});

function type(input: HTMLInputElement, text: string) {
  // React follows the native value setter plus an input event, as a keystroke does.
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, text);
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

describe('base path field', () => {
  it('keeps a path typed after Set was pressed when the Set answers', async () => {
    host = document.createElement('div');
    document.body.appendChild(host);
    root = createRoot(host);
    flushSync(() => root!.render(<BasePathField />));
    const input = await vi.waitFor(() => {
      const found = host!.querySelector<HTMLInputElement>('input[aria-label="base path"]');
      if (!found) throw new Error('the field has not rendered yet');
      return found;
    });
    await vi.waitFor(() => expect(input.value).toBe('/data/first'));
    const setButton = [...host.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Set')!;

    type(input, '/data/second');
    await vi.waitFor(() => expect(setButton.disabled).toBe(false));
    const field = host.querySelector('.base-path')!;
    setButton.click();
    await vi.waitFor(() => expect(pendingSets).toHaveLength(1));
    // The field says a Set is on its way (and, below, when its answer has been taken in).
    await vi.waitFor(() => expect(field.getAttribute('aria-busy')).toBe('true'));
    // The user goes on typing the next path before the first Set has answered.
    type(input, '/data/third');
    await vi.waitFor(() => expect(input.value).toBe('/data/third'));
    flushSync(() => pendingSets.shift()!.answer());
    // The answer arrived and was taken in …
    await vi.waitFor(() => expect(field.hasAttribute('aria-busy')).toBe(false));
    // … and the field still holds what was typed after the Set, ready for the next Set.
    expect(input.value).toBe('/data/third');
    setButton.click();
    await vi.waitFor(() => expect(pendingSets.map((p) => p.path)).toEqual(['/data/third']));
    await vi.waitFor(() => expect(field.getAttribute('aria-busy')).toBe('true'));
    flushSync(() => pendingSets.shift()!.answer());
    // A Set whose path is still in the field ends with the field showing the path in effect.
    await vi.waitFor(() => expect(field.hasAttribute('aria-busy')).toBe(false));
    expect(setButton.disabled).toBe(true);
    expect(input.value).toBe('/data/third');
  });
});
