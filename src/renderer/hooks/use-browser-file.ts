// The Browser's open files: the tabs (browserFiles, browserOpen, browserClose), the file shown, Refresh and Follow
// (browserRefresh re-reads what a writer added), the recent files (kept in the settings, so the desktop app and a
// browser share them) and files dropped on the panel. Answers for a file no longer shown are dropped.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { OpenFile, TreeNode } from '../../shared/browse.ts';
import { getBridge } from '../bridge.ts';
import { useReportError } from '../errors.tsx';
import { takeRequest } from '../navigation.ts';
import { useSettings } from './use-settings.ts';

/** What the Browser shows: one file, maybe at a node ("Open in Browser" at one scan's entry). */
export interface ShownFile {
  file: OpenFile | undefined;
  /** The node to select when the file was opened (undefined: the file's root). */
  at: TreeNode | undefined;
  /** Counts the times a file was opened or switched to: each time, the selection starts again from `at`. */
  shown: number;
  /** Counts the reads of the file (open, Refresh): each time, what is shown is read again. */
  version: number;
}

export interface BrowserFiles {
  files: OpenFile[];
  shown: ShownFile;
  recent: string[];
  follow: boolean;
  setFollow(on: boolean): void;
  /** Shows a file, at a node when given: an open file's tab is focused and refreshed, a new file gets a tab. */
  open(path: string, at?: TreeNode): void;
  show(file: OpenFile): void;
  close(file: OpenFile): void;
  refresh(): void;
  /** Files dropped on the panel: the desktop app knows their paths; a browser hides them, so it says what to do. */
  openDropped(dropped: File[]): void;
}

const FOLLOW_KEY = 'daq.browser.follow';
const FOLLOW_MS = 2000;

function savedRecent(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((x): x is string => typeof x === 'string') : [];
}

export function useBrowserFiles(): BrowserFiles {
  const report = useReportError();
  const [files, setFiles] = useState<OpenFile[]>([]);
  const [shown, setShown] = useState<ShownFile>({ file: undefined, at: undefined, shown: 0, version: 0 });
  const { recent, remember } = useRecentFiles();
  const filesRef = useRef(files);
  filesRef.current = files;
  const fileRef = useRef(shown.file);
  fileRef.current = shown.file;

  const upsert = (f: OpenFile) => setFiles((fs) => (fs.some((x) => x.id === f.id) ? fs.map((x) => (x.id === f.id ? f : x)) : [...fs, f]));

  const open = useCallback(
    (path: string, at?: TreeNode) => {
      const api = getBridge().api;
      const already = filesRef.current.find((f) => f.file === path);
      (already ? api.browserRefresh(already.id) : api.browserOpen(path)).then((f) => {
        upsert(f);
        setShown((s) => ({ file: f, at, shown: s.shown + 1, version: s.version + 1 }));
        remember(f.file);
      }, report);
    },
    [remember, report],
  );

  useEffect(() => {
    // Other panels ask to open a file ("Open in Browser"), maybe at one scan's entry; see navigation.ts. The list
    // of open files comes first, so a file already open is focused instead of opened twice.
    const pending = takeRequest('daq.open-file');
    const entry = takeRequest('daq.open-entry');
    getBridge()
      .api.browserFiles()
      .then((fs) => {
        setFiles(fs);
        filesRef.current = fs;
        if (pending) open(pending, entry ? { name: entry, path: `/${entry}`, kind: 'group' } : undefined);
        else if (fs[0]) setShown((s) => (s.file ? s : { ...s, file: fs[0], shown: s.shown + 1 }));
      }, report);
  }, [open, report]);

  const refresh = useCallback(() => {
    const file = fileRef.current;
    if (!file) return;
    getBridge()
      .api.browserRefresh(file.id)
      .then((f) => {
        upsert(f);
        setShown((s) => (s.file?.id === f.id ? { ...s, file: f, version: s.version + 1 } : s));
      }, report);
  }, [report]);

  const [follow, setFollow] = useFollow(refresh);
  const show = (f: OpenFile) => {
    if (f.id !== shown.file?.id) setShown((s) => ({ ...s, file: f, at: undefined, shown: s.shown + 1 }));
  };
  const close = (f: OpenFile) => {
    getBridge()
      .api.browserClose(f.id)
      .then((fs) => {
        setFiles(fs);
        setShown((s) => ({ ...s, file: fs[0], at: undefined, shown: s.shown + 1 }));
      }, report);
  };
  const openDropped = (dropped: File[]) => {
    const pathForFile = getBridge().pathForFile;
    if (dropped.length === 0) return;
    if (!pathForFile) {
      report(new Error(`A browser does not tell where a dropped file is (${dropped[0]!.name}): type its path, or use Browse…`));
      return;
    }
    for (const f of dropped) open(pathForFile(f));
  };
  return { files, shown, recent, follow, setFollow, open, show, close, refresh, openDropped };
}

/** The recent files, kept in the settings (ui.layout.recentFiles): the newest first, at most 10. */
function useRecentFiles(): { recent: string[]; remember(path: string): void } {
  const saved = useSettings()?.settings.ui.layout.recentFiles;
  const [opened, setOpened] = useState<string[] | undefined>();
  const recent = opened ?? savedRecent(saved);
  // Files opened in quick succession each see the list with the one before.
  const recentRef = useRef(recent);
  recentRef.current = recent;
  const remember = useCallback((path: string) => {
    const next = [path, ...recentRef.current.filter((x) => x !== path)].slice(0, 10);
    recentRef.current = next;
    setOpened(next);
    void getBridge().api.updateSettings({ ui: { layout: { recentFiles: next } } }).catch(() => undefined);
  }, []);
  return { recent, remember };
}

/** The follow box: while ticked, `refresh` runs every 2 s. It outlives a panel switch (only the active panel is
 * mounted) and a reload. */
function useFollow(refresh: () => void): [boolean, (on: boolean) => void] {
  const [follow, setFollowState] = useState(() => localStorage.getItem(FOLLOW_KEY) === '1');
  useEffect(() => {
    if (!follow) return;
    const t = setInterval(refresh, FOLLOW_MS);
    return () => clearInterval(t);
  }, [follow, refresh]);
  const setFollow = (on: boolean) => {
    setFollowState(on);
    localStorage.setItem(FOLLOW_KEY, on ? '1' : '0');
  };
  return [follow, setFollow];
}
