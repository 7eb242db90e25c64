// The Viewer's exposure box in real Chromium: an exposure typed while the previous one is still on its way to the
// backend is what the user wants next, so the first call's answer must not throw it away (under load, a second
// window's change was lost that way: Enter then sent nothing and the box went back to the old value).
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DetectorInfo } from '../../src/shared/api.ts';
import type { ViewerControls } from '../../src/renderer/hooks/use-viewer.ts';
import { DetectorRow } from '../../src/renderer/panels/viewer/DetectorRow.tsx';

// act() below waits until React has taken in everything the answer caused.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let host: HTMLDivElement | undefined;
let root: Root | undefined;
afterEach(() => {
  act(() => root?.unmount());
  host?.remove();
});

function type(input: HTMLInputElement, text: string) {
  act(() => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, text);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}
const enter = (input: HTMLInputElement) => act(() => void input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true })));

const det: DetectorInfo = { kind: 'detector', name: 'eiger1', ndim: 2, shape: [512, 512], dtype: 'uint16', units: 'counts', labels: [], settings: {} };

describe('exposure box', () => {
  it('keeps an exposure typed while the previous one is being set, and sends it on Enter', async () => {
    const calls: { seconds: number; answer: () => void; done: Promise<boolean> }[] = [];
    let exposures = { eiger1: 0.02 };
    const viewer = (): ViewerControls => ({
      grabbing: [],
      exposures,
      snap: () => undefined,
      grab: () => undefined,
      stop: () => undefined,
      setExposure: (_d, seconds) => {
        let answer = () => undefined as void;
        const done = new Promise<boolean>((resolve) => {
          answer = () => {
            exposures = { eiger1: seconds }; // as 'viewer.state' brings it
            render();
            resolve(true);
          };
        });
        calls.push({ seconds, answer: () => answer(), done });
        return done;
      },
    });
    host = document.createElement('div');
    document.body.appendChild(host);
    root = createRoot(host);
    const render = () =>
      act(() =>
        root!.render(
          <table>
            <tbody>
              <DetectorRow det={det} selected={false} viewer={viewer()} onSelect={() => undefined} />
            </tbody>
          </table>,
        ),
      );
    render();
    const input = host.querySelector<HTMLInputElement>('input[aria-label="eiger1 exposure"]')!;
    expect(input.value).toBe('0.02');

    type(input, '0.03');
    enter(input);
    await vi.waitFor(() => expect(calls.map((c) => c.seconds)).toEqual([0.03]));
    // The next value is typed before the first call has answered.
    type(input, '0.05');
    await vi.waitFor(() => expect(input.value).toBe('0.05'));
    const first = calls.shift()!;
    await act(async () => {
      first.answer();
      await first.done;
    });
    expect(exposures.eiger1).toBe(0.03);
    expect(input.value).toBe('0.05');
    enter(input);
    await vi.waitFor(() => expect(calls.map((c) => c.seconds)).toEqual([0.05]));
    const second = calls.shift()!;
    await act(async () => {
      second.answer();
      await second.done;
    });
    expect(input.value).toBe('0.05');
  });
});
