// Exposes the Api as window.daq: one function per method of the contract, and `on` for the listed events.
// No raw ipcRenderer and no generic invoke reach the page.
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { EVENT_NAMES, METHOD_NAMES, type EventName } from '../shared/api.ts';

const api: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
for (const method of METHOD_NAMES) {
  const channel = `daq:${method}`;
  api[method] = (...args: unknown[]) => ipcRenderer.invoke(channel, ...args);
}

contextBridge.exposeInMainWorld('daq', {
  api,
  on(event: EventName, listener: (payload: unknown) => void): () => void {
    if (!EVENT_NAMES.includes(event)) throw new Error(`Unknown event ${String(event)}`);
    const channel = `daq:event:${event}`;
    const wrapped = (_e: unknown, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, wrapped);
    return () => ipcRenderer.removeListener(channel, wrapped);
  },
  // Where a file the user dropped on the window lives (the page itself cannot know); nothing is read here.
  pathForFile(file: File): string {
    return webUtils.getPathForFile(file);
  },
});
