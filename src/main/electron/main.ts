// Electron's entry point: one hardened window on the app:// protocol, the Api bound to IPC.
import { app, BrowserWindow, net, protocol, screen } from 'electron';
import { join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { rendererDir } from '../paths.ts';
import { openSession } from '../session.ts';
import { saveBounds, savedBounds } from '../window-bounds.ts';
import { bindIpc } from './ipc.ts';
import { guardWebContents, lockDownSession } from './security.ts';
import { APP_ORIGIN, APP_SCHEME, resolveAppFile } from './sender-check.ts';

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
guardWebContents();

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
      // Reviewed: the preload exposes one function per contract method and `on` for listed events, nothing else.
      preload: join(import.meta.dirname, '../preload/index.cjs'), // eng-disable PRELOAD_JS_CHECK
    },
  });
  const unbind = bindIpc(session, win);
  win.once('ready-to-show', () => {
    if (bounds?.maximized) win.maximize();
    win.show();
  });
  win.on('close', () => {
    try {
      saveBounds(session.settings, { ...win.getNormalBounds(), maximized: win.isMaximized() });
    } catch {
      // the window layout is a convenience: never block closing
    }
  });
  win.on('closed', () => {
    unbind();
    void session.close();
  });
  await win.loadURL(`${APP_ORIGIN}/index.html`);
}

app.enableSandbox();
void app.whenReady().then(createWindow);
app.on('window-all-closed', () => app.quit());
