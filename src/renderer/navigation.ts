// Moving between panels with something to show: the target panel picks the request up when it mounts (only the
// active panel is mounted), and the shell switches to it.
/** Opens a file in the Browser, at one NXentry when given (History → "Open in Browser" shows that scan). */
export function showInBrowser(file: string, entry?: string): void {
  sessionStorage.setItem('daq.open-file', file);
  if (entry) sessionStorage.setItem('daq.open-entry', entry);
  else sessionStorage.removeItem('daq.open-entry');
  window.dispatchEvent(new CustomEvent('daq:show-panel', { detail: 'browser' }));
}

export function showInHistory(uid: string): void {
  sessionStorage.setItem('daq.history-select', uid);
  window.dispatchEvent(new CustomEvent('daq:show-panel', { detail: 'history' }));
}

/** The request left for a panel, taken once. */
export function takeRequest(key: 'daq.open-file' | 'daq.open-entry' | 'daq.history-select'): string | null {
  const v = sessionStorage.getItem(key);
  if (v) sessionStorage.removeItem(key);
  return v;
}
