// Decides whether an IPC message may be served: only the app's own top-level frame, loaded from our own
// protocol, may call the Api. Kept free of `electron` imports so it is tested in plain Node.
export const APP_SCHEME = 'app';
export const APP_HOST = 'daq';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

export interface FrameLike {
  url: string;
  /** The frame's top frame; a main frame is its own top. */
  top?: FrameLike | null;
}

export function isTrustedSender(frame: FrameLike | null | undefined, mainFrame: FrameLike | null | undefined): boolean {
  if (!frame || !mainFrame || frame !== mainFrame) return false;
  let url: URL;
  try {
    url = new URL(frame.url);
  } catch {
    return false;
  }
  return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST;
}

/** Maps an app:// URL to a file inside the renderer folder, or null when it would leave that folder. */
export function resolveAppFile(requestUrl: string, rootDir: string, join: (...p: string[]) => string, normalize: (p: string) => string, sep: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  let rel: string;
  try {
    rel = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (rel === '/' || rel === '') rel = '/index.html';
  const root = normalize(rootDir);
  const file = normalize(join(root, rel));
  return file.startsWith(root + sep) ? file : null;
}
