// Runs inside the process of the built main process (see electron-standin-register.mjs) and lets the test drive
// the stand-in: call the Api as the window's preload does, click the window's close button with a given answer
// to the quit question, and read what the app asked of Electron.
import { state } from './electron-standin.ts';

type Command = { id: number; cmd: 'ipc'; method: string; args: unknown[] } | { id: number; cmd: 'close'; response: number } | { id: number; cmd: 'state' };

process.on('message', (raw: unknown) => {
  const msg = raw as Command;
  void (async () => {
    const st = state();
    const win = st.windows[0];
    try {
      if (msg.cmd === 'state') {
        process.send!({ id: msg.id, calls: st.calls, dialogs: st.dialogs, windows: st.windows.length, destroyed: win?.isDestroyed() ?? false, devTools: (win?.options.webPreferences as { devTools?: unknown } | undefined)?.devTools });
      } else if (msg.cmd === 'ipc') {
        const handler = st.ipc.get(`daq:${msg.method}`);
        if (!handler || !win) throw new Error(`no window or no IPC handler for ${msg.method}`);
        process.send!({ id: msg.id, reply: await handler({ senderFrame: win.mainFrame, sender: { mainFrame: win.mainFrame } }, ...msg.args) });
      } else if (msg.cmd === 'close') {
        st.dialogResponse = msg.response;
        win!.close();
        process.send!({ id: msg.id, ok: true });
      }
    } catch (err) {
      process.send!({ id: msg.id, error: String(err) });
    }
  })();
});
