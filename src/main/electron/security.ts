// Electron hardening applied to every window and session (see docs/security.md for the checklist).
import { app, session, type WebContents } from 'electron';
import { APP_ORIGIN } from './sender-check.ts';

/** Denies every permission request (camera, mic, notifications, geolocation, ...): the UI needs none. */
export function lockDownSession(): void {
  const s = session.defaultSession;
  s.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  s.setPermissionCheckHandler(() => false);
  s.setDevicePermissionHandler(() => false);
  // Nothing the UI loads comes from the network.
  s.webRequest.onBeforeRequest((details, callback) => {
    const ok = details.url.startsWith(`${APP_ORIGIN}/`) || details.url.startsWith('devtools://') || details.url.startsWith('data:') || details.url.startsWith('blob:');
    callback({ cancel: !ok });
  });
}

/** No navigation away from the app, no new windows, no webviews, in every web contents ever created. */
export function guardWebContents(): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    // No window.open and no target=_blank: the app has no links to follow.
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}
