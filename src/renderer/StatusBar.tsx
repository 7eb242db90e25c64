// The shell's status bar: the backend's name, version and transport, and the base path in effect with where it
// comes from (it follows a change made anywhere: this window, another window or client).
import type { AppInfo } from '../shared/api.ts';
import { BASE_PATH_SOURCE, useSettings } from './hooks/use-settings.ts';

export function StatusBar({ info }: { info: AppInfo | undefined }) {
  const effective = useSettings();
  return (
    <footer className="statusbar">
      <span data-testid="app-version">{info ? `${info.name} ${info.version}` : 'connecting…'}</span>
      {info && <span>via {info.transport}</span>}
      {info && (
        <span title={`Where data files go (${effective ? BASE_PATH_SOURCE[effective.basePathSource] : 'the path the app started with'})`} data-testid="status-base-path">
          base path: {effective?.basePath ?? info.basePath}
        </span>
      )}
    </footer>
  );
}
