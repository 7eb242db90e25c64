// The Browser's data hooks in real Chromium, with a bridge whose answers the test releases in any order (the only
// way to make "the user clicked on fast" deterministic): an answer for a node, frame or file no longer shown is
// dropped, whatever order the backend answers in.
import { createRoot, type Root } from 'react-dom/client';
import { flushSync } from 'react-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { NodeInfo, OpenFile, TreeNode } from '../../src/shared/browse.ts';
import type { ShownFile } from '../../src/renderer/hooks/use-browser-file.ts';
import { useImageFrame } from '../../src/renderer/hooks/use-browser-data.ts';
import { useBrowserNode, type BrowserNode } from '../../src/renderer/hooks/use-browser-node.ts';

interface Call {
  method: string;
  args: unknown[];
  answer(value: unknown): void;
}
const calls: Call[] = [];

// Set before the first getBridge(), which then takes it as the desktop app's preload bridge.
window.daq = {
  api: new Proxy({} as Record<string, (...args: unknown[]) => Promise<never>>, {
    get:
      (_t, method: string) =>
      (...args: unknown[]) =>
        new Promise((resolve) => calls.push({ method, args, answer: (value) => resolve({ ok: true, value }) })),
  }),
  on: () => () => undefined,
};

/** The pending call `method(...args)`, taken out of the list once it is made. */
async function pending(method: string, ...args: unknown[]): Promise<Call> {
  return vi.waitFor(() => {
    const i = calls.findIndex((c) => c.method === method && JSON.stringify(c.args) === JSON.stringify(args));
    if (i < 0) throw new Error(`no pending ${method}(${JSON.stringify(args)})`);
    return calls.splice(i, 1)[0]!;
  });
}

const fileA: OpenFile = { id: 1, file: '/data/a.h5', size: 1, live: false };
const fileB: OpenFile = { id: 2, file: '/data/b.h5', size: 1, live: false };
const dataset = (path: string): TreeNode => ({ name: path.split('/').pop()!, path, kind: 'dataset', shape: [3] });
const infoOf = (path: string): NodeInfo => ({ ...dataset(path), attrs: [] });

let host: HTMLDivElement | undefined;
let root: Root | undefined;
afterEach(() => {
  root?.unmount();
  host?.remove();
  calls.length = 0;
});

function mount(node: React.ReactNode) {
  host = document.createElement('div');
  document.body.appendChild(host);
  root = createRoot(host);
  flushSync(() => root!.render(node));
}
const shownText = () => host!.querySelector('[data-testid="probe"]')!.textContent;

describe('Browser hooks drop answers the user has moved on from', () => {
  it('shows the metadata of the node clicked last, even when an earlier node answers after it', async () => {
    let sel: BrowserNode | undefined;
    function Probe({ shown }: { shown: ShownFile }) {
      sel = useBrowserNode(shown);
      return <div data-testid="probe">{sel.info?.path ?? '-'}</div>;
    }
    const shown: ShownFile = { file: fileA, at: undefined, shown: 1, version: 1 };
    mount(<Probe shown={shown} />);
    (await pending('browserInfo', 1, '/')).answer(infoOf('/'));
    await vi.waitFor(() => expect(shownText()).toBe('/'));
    flushSync(() => sel!.select(dataset('/x')));
    flushSync(() => sel!.select(dataset('/y')));
    const x = await pending('browserInfo', 1, '/x');
    (await pending('browserInfo', 1, '/y')).answer(infoOf('/y'));
    await vi.waitFor(() => expect(shownText()).toBe('/y'));
    x.answer(infoOf('/x')); // the slow answer for the node left behind
    await new Promise((r) => setTimeout(r, 50)); // "nothing changes" is the assertion: give React a moment to apply it
    expect(shownText()).toBe('/y');
  });

  it('forgets the previous file\'s node when another file is shown, and drops its late answer', async () => {
    let sel: BrowserNode | undefined;
    function Probe({ shown }: { shown: ShownFile }) {
      sel = useBrowserNode(shown);
      return <div data-testid="probe">{`${sel.node?.path ?? 'root'} ${sel.info?.path ?? '-'}`}</div>;
    }
    mount(<Probe shown={{ file: fileA, at: undefined, shown: 1, version: 1 }} />);
    flushSync(() => sel!.select(dataset('/only-in-a')));
    const late = await pending('browserInfo', 1, '/only-in-a');
    flushSync(() => root!.render(<Probe shown={{ file: fileB, at: undefined, shown: 2, version: 1 }} />));
    expect(shownText()).toBe('root -');
    late.answer(infoOf('/only-in-a'));
    (await pending('browserInfo', fileB.id, '/')).answer(infoOf('/')); // file B is read at its root
    expect(calls.some((c) => c.args[0] === fileB.id && c.args[1] === '/only-in-a')).toBe(false);
    await vi.waitFor(() => expect(shownText()).toBe('root /'));
  });

  it('shows the frame the slider stopped on, even when an earlier frame answers after it', async () => {
    function Probe({ lead }: { lead: number[] }) {
      const frame = useImageFrame(fileA, '/stack', [4, 1, 2], lead);
      return <div data-testid="probe">{frame ? String(frame.data[0]) : '-'}</div>;
    }
    const frame = (k: number) => ({ shape: [4, 1, 2], selection: [1, 1, 2], values: Float64Array.of(k * 10, k * 10 + 1) });
    mount(<Probe lead={[0]} />);
    (await pending('browserSlice', 1, '/stack', [[0, 1], null, null])).answer(frame(0));
    await vi.waitFor(() => expect(shownText()).toBe('0'));
    flushSync(() => root!.render(<Probe lead={[1]} />));
    flushSync(() => root!.render(<Probe lead={[2]} />));
    const one = await pending('browserSlice', 1, '/stack', [[1, 2], null, null]);
    (await pending('browserSlice', 1, '/stack', [[2, 3], null, null])).answer(frame(2));
    await vi.waitFor(() => expect(shownText()).toBe('20'));
    one.answer(frame(1));
    await new Promise((r) => setTimeout(r, 50)); // "nothing changes" is the assertion
    expect(shownText()).toBe('20');
  });
});
