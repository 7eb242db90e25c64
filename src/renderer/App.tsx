// The app shell: tabs for the five panels (keyboard: Ctrl+1…5, or ←/→ on the tab bar), the error banner and
// a status bar with the backend's version and transport (StatusBar.tsx). Its data comes from hooks.
import { useCallback, useEffect, useRef, useState } from 'react';
import { ErrorBanner } from './errors.tsx';
import { BrowserPanel } from './panels/browser/BrowserPanel.tsx';
import { HistoryPanel } from './panels/history/HistoryPanel.tsx';
import { ScanPanel } from './panels/scan/ScanPanel.tsx';
import { SettingsPanel } from './panels/settings/SettingsPanel.tsx';
import { ViewerPanel } from './panels/viewer/ViewerPanel.tsx';
import { ShortcutHelp, useHelpKey } from './ShortcutHelp.tsx';
import { StatusBar } from './StatusBar.tsx';
import { useAppInfo } from './hooks/use-app-info.ts';
import { useMotorMoves } from './hooks/use-motor-moves.ts';
import { useSavedUi, useUpdateSettings } from './hooks/use-update-settings.ts';

export const PANELS = [
  { id: 'viewer', label: 'Viewer', Component: ViewerPanel },
  { id: 'scan', label: 'Scan', Component: ScanPanel },
  { id: 'history', label: 'History', Component: HistoryPanel },
  { id: 'browser', label: 'Browser', Component: BrowserPanel },
  { id: 'settings', label: 'Settings', Component: SettingsPanel },
] as const;

type PanelId = (typeof PANELS)[number]['id'];

function Shell() {
  const [active, setActive] = useState<PanelId>('viewer');
  const [theme, setTheme] = useState<'light' | 'dark'>('light');
  const info = useAppInfo();
  const savedUi = useSavedUi();
  const updateSettings = useUpdateSettings();
  const { stopMoving } = useMotorMoves();
  const [help, setHelp] = useState(false);
  const toggleHelp = useCallback(() => setHelp((h) => !h), []);
  const closeHelp = useCallback(() => setHelp(false), []);
  useHelpKey(toggleHelp);
  // A tab clicked before the saved settings arrive wins over the saved panel (the settings answer can be slow).
  const userChose = useRef(false);

  // Theme and last panel live in the backend's settings, so they survive restarts in Electron and in a browser.
  useEffect(() => {
    if (!savedUi) return;
    setTheme(savedUi.theme);
    if (!userChose.current && PANELS.some((p) => p.id === savedUi.panel)) setActive(savedUi.panel as PanelId);
  }, [savedUi]);

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  const choosePanel = (id: PanelId) => {
    userChose.current = true;
    setActive(id);
    updateSettings({ ui: { panel: id } });
  };
  const toggleTheme = () => {
    const next = theme === 'light' ? 'dark' : 'light';
    setTheme(next);
    updateSettings({ ui: { theme: next } });
  };

  // Another panel asks to show a panel (History → "Open in Browser").
  useEffect(() => {
    const onShow = (e: Event) => {
      const id = (e as CustomEvent<string>).detail;
      if (PANELS.some((p) => p.id === id)) choosePanel(id as PanelId);
    };
    window.addEventListener('daq:show-panel', onShow);
    return () => window.removeEventListener('daq:show-panel', onShow);
  });

  // Escape stops every moving motor, whatever panel is shown (the Scan panel also ends a running scan on it).
  useEffect(() => {
    const onEscape = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      stopMoving();
    };
    window.addEventListener('keydown', onEscape);
    return () => window.removeEventListener('keydown', onEscape);
  }, [stopMoving]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.shiftKey && !e.altKey && e.key >= '1' && e.key <= String(PANELS.length)) {
        e.preventDefault();
        choosePanel(PANELS[Number(e.key) - 1]!.id);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const onTabKey = (e: React.KeyboardEvent) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    const i = PANELS.findIndex((p) => p.id === active);
    const next = PANELS[(i + (e.key === 'ArrowRight' ? 1 : PANELS.length - 1)) % PANELS.length]!;
    choosePanel(next.id);
    document.getElementById(`tab-${next.id}`)?.focus();
  };

  return (
    <div className="shell">
      <header className="topbar">
        <span className="brand">DAQ Studio</span>
        <nav className="tabs" role="tablist" aria-label="Panels" onKeyDown={onTabKey}>
          {PANELS.map((p, i) => (
            <button
              key={p.id}
              id={`tab-${p.id}`}
              role="tab"
              aria-selected={active === p.id}
              aria-controls={`panel-${p.id}`}
              tabIndex={active === p.id ? 0 : -1}
              title={`${p.label} (Ctrl+${i + 1})`}
              className={active === p.id ? 'tab active' : 'tab'}
              onClick={() => choosePanel(p.id)}
            >
              {p.label}
            </button>
          ))}
        </nav>
        <button className="help-button" onClick={toggleHelp} title="Keyboard shortcuts (? or F1)" aria-label="Keyboard shortcuts">
          ?
        </button>
        <button className="theme-toggle" onClick={toggleTheme} title="Switch light/dark theme">
          {theme === 'light' ? 'Dark' : 'Light'} theme
        </button>
      </header>
      <main className="panels">
        {PANELS.map(({ id, Component }) =>
          id === active ? (
            <section key={id} id={`panel-${id}`} role="tabpanel" aria-labelledby={`tab-${id}`} className="panel">
              <Component info={info} />
            </section>
          ) : null,
        )}
      </main>
      {help && <ShortcutHelp onClose={closeHelp} />}
      <StatusBar info={info} />
    </div>
  );
}

export function App() {
  return (
    <ErrorBanner>
      <Shell />
    </ErrorBanner>
  );
}
