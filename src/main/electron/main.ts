// Electron's entry point: one hardened window on the app:// protocol, the Api bound to IPC. One instance per
// user: a second launch focuses the first window instead of running a second backend on the same data folder.
// Quitting asks first when acquisition is running, then waits (bounded) until the writers closed their files.
import { app, BrowserWindow, dialog, net, protocol, screen } from 'electron';
import { join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { rendererDir } from '../paths.ts';
import { openSession, type Session } from '../session.ts';
import { quitSession } from '../shutdown.ts';
import { saveBounds, savedBounds } from '../window-bounds.ts';
import { bindIpc } from './ipc.ts';
import { guardWebContents, lockDownSession } from './security.ts';
import { APP_ORIGIN, APP_SCHEME, resolveAppFile } from './sender-check.ts';

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
guardWebContents();

let mainWindow: BrowserWindow | undefined;

/** A second launch lands here (in the first instance): bring the existing window to the front. */
function focusMainWindow(): void {
  const win = mainWindow;
  if (!win || win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}

/**
 * Closing the window is decided here, not left to Electron: ask when something is acquiring, then stop it and wait for
 * the writers before the window (and the process) goes.
 */
function decideClosing(win: BrowserWindow, session: Session, unbind: () => void): void {
  let closing = false;
  let closed = false;
  win.on('close', (event) => {
    if (closed) return;
    event.preventDefault();
    if (closing) return;
    closing = true;
    try {
      // Saved while the session is still open (harmless if the user then cancels).
      saveBounds(session.settings, { ...win.getNormalBounds(), maximized: win.isMaximized() });
    } catch {
      // the window layout is a convenience: never block closing
    }
    void (async () => {
      const outcome = await quitSession(session, {
        confirm: async (running) => {
          const { response } = await dialog.showMessageBox(win, {
            type: 'question',
            buttons: ['Stop and quit', 'Cancel'],
            defaultId: 1,
            cancelId: 1,
            title: 'DAQ Studio',
            message: `Acquisition is running: ${running}.`,
            detail: 'Quitting stops it and closes its files first. Cancel to let it go on.',
          });
          return response === 0;
        },
        log: (line) => console.error(line),
      }).catch((err: unknown) => {
        // Never leave a window that cannot be closed: a failure here quits as after a crash (repaired at start).
        console.error(`Quitting: ${err instanceof Error ? err.message : String(err)}`);
        return { quit: true as const };
      });
      if (!outcome.quit) {
        closing = false;
        return;
      }
      unbind();
      closed = true;
      if (!win.isDestroyed()) win.destroy();
      app.quit();
    })();
  });
}

async function createWindow(): Promise<void> {
  const root = rendererDir();
  protocol.handle(APP_SCHEME, (request) => {
    const file = resolveAppFile(request.url, root, join, normalize, sep);
    if (!file) return new Response('Not found', { status: 404 });
    return net.fetch(pathToFileURL(file).toString());
  });
  lockDownSession();
  const session = await openSession({ transport: 'ipc' });
  const bounds = savedBounds(session.settings, screen.getAllDisplays().map((d) => d.workArea));
  const win = new BrowserWindow({
    width: bounds?.width ?? 1366,
    height: bounds?.height ?? 768,
    ...(bounds ? { x: bounds.x, y: bounds.y } : {}),
    minWidth: 1000,
    minHeight: 640,
    title: 'DAQ Studio',
    show: false,
    // Written out literally (not spread from a constant) so that the electronegativity gate can see each one.
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      webviewTag: false,
      spellcheck: false,
      safeDialogs: true,
      disableBlinkFeatures: 'Auxclick',
      // No DevTools in a packaged app: they would give anyone at the keyboard a console inside the UI.
      devTools: !app.isPackaged,
      // Reviewed: the preload exposes one function per contract method and `on` for listed events, nothing else.
      preload: join(import.meta.dirname, '../preload/index.cjs'), // eng-disable PRELOAD_JS_CHECK
    },
  });
  mainWindow = win;
  const unbind = bindIpc(session, win);
  win.once('ready-to-show', () => {
    if (bounds?.maximized) win.maximize();
    win.show();
  });
  decideClosing(win, session, unbind);
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = undefined;
  });
  await win.loadURL(`${APP_ORIGIN}/index.html`);
}

// Without the lock this is a second launch: the first instance focuses its window, this one ends before it
// opens any session (no second backend, no second writer on the same files).
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', focusMainWindow);
  app.enableSandbox();
  void app.whenReady().then(createWindow);
  app.on('window-all-closed', () => app.quit());
}
