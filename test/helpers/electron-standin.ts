// A stand-in for the `electron` module, so the app's main process (src/main/electron/main.ts) runs in plain Node
// under Vitest: it records what main.ts asks of Electron (the single-instance lock, windows and their options,
// dialogs, quit) and lets a test drive it (a second launch, closing the window, the dialog's answer).
// State lives on globalThis because main.ts is imported afresh for each launch (vi.resetModules).
import { EventEmitter } from 'node:events';

export interface StandinState {
  gotLock: boolean;
  isPackaged: boolean;
  /** The button the quit dialog answers with (0 = "Stop and quit", 1 = "Cancel"). */
  dialogResponse: number;
  dialogs: { message: string; detail?: string }[];
  calls: string[];
  windows: FakeWindow[];
  ipc: Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>;
  app: FakeApp;
}

class FakeApp extends EventEmitter {
  get isPackaged(): boolean {
    return state().isPackaged;
  }
  requestSingleInstanceLock(): boolean {
    state().calls.push('requestSingleInstanceLock');
    return state().gotLock;
  }
  quit(): void {
    state().calls.push('quit');
  }
  exit(): void {
    state().calls.push('exit');
  }
  enableSandbox(): void {
    state().calls.push('enableSandbox');
  }
  whenReady(): Promise<void> {
    state().calls.push('whenReady');
    return Promise.resolve();
  }
}

export class FakeWindow extends EventEmitter {
  readonly options: Record<string, unknown>;
  private destroyed = false;
  minimized = false;
  focused = false;
  readonly mainFrame = { url: 'app://daq/index.html', top: null };
  readonly webContents = { send: () => undefined, mainFrame: this.mainFrame, on: () => undefined };
  constructor(options: Record<string, unknown>) {
    super();
    this.options = options;
    state().windows.push(this);
  }
  static getAllWindows(): FakeWindow[] {
    return state().windows.filter((w) => !w.isDestroyed());
  }
  async loadURL(url: string): Promise<void> {
    state().calls.push(`loadURL ${url}`);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.emit('closed');
  }
  /** What the user's click on the close button does: 'close' (cancellable), then destroy unless prevented. */
  close(): void {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (!prevented) this.destroy();
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
  }
  show(): void {}
  focus(): void {
    this.focused = true;
  }
  maximize(): void {}
  isMaximized(): boolean {
    return false;
  }
  getNormalBounds() {
    return { x: 0, y: 0, width: 1366, height: 768 };
  }
}

export function state(): StandinState {
  const g = globalThis as { __electronStandin?: StandinState };
  g.__electronStandin ??= freshState();
  return g.__electronStandin;
}

function freshState(): StandinState {
  return { gotLock: true, isPackaged: false, dialogResponse: 1, dialogs: [], calls: [], windows: [], ipc: new Map(), app: new FakeApp() };
}

/** A new launch: a new app object and empty records; `opts` sets what Electron will answer. */
export function resetStandin(opts: Partial<Pick<StandinState, 'gotLock' | 'isPackaged' | 'dialogResponse'>> = {}): StandinState {
  const g = globalThis as { __electronStandin?: StandinState };
  g.__electronStandin = { ...freshState(), ...opts };
  return g.__electronStandin;
}

const noop = () => undefined;

/** The module object main.ts receives for `import … from 'electron'`. */
export function electronModule(): Record<string, unknown> {
  return {
    get app() {
      return state().app;
    },
    BrowserWindow: FakeWindow,
    protocol: { registerSchemesAsPrivileged: noop, handle: noop },
    net: { fetch: async () => new Response('') },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    dialog: {
      showMessageBox: async (_win: unknown, opts: { message: string; detail?: string }) => {
        state().dialogs.push({ message: opts.message, detail: opts.detail });
        return { response: state().dialogResponse };
      },
    },
    session: {
      defaultSession: { setPermissionRequestHandler: noop, setPermissionCheckHandler: noop, setDevicePermissionHandler: noop, webRequest: { onBeforeRequest: noop } },
    },
    ipcMain: {
      handle: (channel: string, fn: (event: unknown, ...args: unknown[]) => Promise<unknown>) => state().ipc.set(channel, fn),
      removeHandler: (channel: string) => state().ipc.delete(channel),
    },
  };
}
