// The `electron` module as the built main process (out/main/index.js) sees it when it runs in plain Node: named
// exports over the stand-in of electron-standin.ts. Mapped in by electron-standin-hooks.mjs.
import { electronModule } from './electron-standin.ts';

const m = electronModule() as Record<string, unknown> & { app: unknown };
export const app = m.app;
export const BrowserWindow = m.BrowserWindow;
export const protocol = m.protocol;
export const net = m.net;
export const screen = m.screen;
export const dialog = m.dialog;
export const session = m.session;
export const ipcMain = m.ipcMain;
export default m;
