// Binds every Api method to its own IPC channel ("daq:<method>"), checking that the message comes from the app's
// own main frame. Events go to the window on "daq:event:<name>". Errors cross as {ok:false, error}.
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { EVENT_NAMES, METHOD_NAMES } from '../../shared/api.ts';
import type { Envelope } from '../../shared/errors.ts';
import { createDispatcher } from '../dispatcher.ts';
import type { Session } from '../session.ts';
import { isTrustedSender } from './sender-check.ts';

export function bindIpc(session: Session, win: BrowserWindow): () => void {
  const dispatch = createDispatcher(session);
  for (const method of METHOD_NAMES) {
    ipcMain.handle(`daq:${method}`, async (event: IpcMainInvokeEvent, ...args: unknown[]): Promise<Envelope<unknown>> => {
      if (!isTrustedSender(event.senderFrame, event.sender.mainFrame)) {
        return { ok: false, error: { code: 'FORBIDDEN', message: 'This frame may not call DAQ Studio.' } };
      }
      return dispatch(method, args);
    });
  }
  const offs = EVENT_NAMES.map((name) =>
    session.on(name, (payload) => {
      if (!win.isDestroyed()) win.webContents.send(`daq:event:${name}`, payload);
    }),
  );
  return () => {
    for (const method of METHOD_NAMES) ipcMain.removeHandler(`daq:${method}`);
    for (const off of offs) off();
  };
}
