// The base path (where data files go) with Set and Browse…, used by the Viewer's saving block and the Settings
// panel. It shows the base path in effect (use-settings.ts), so a change made anywhere shows here too. When the app
// was started with --base-path (or DAQ_BASE_PATH) it says that the command line wins again at the next start,
// instead of the choice silently reverting.
import { useEffect, useState } from 'react';
import type { AppInfo } from '../../shared/api.ts';
import { getBridge } from '../bridge.ts';
import { FolderPicker } from '../components/FolderPicker.tsx';
import { useReportError } from '../errors.tsx';
import { useSettings } from '../hooks/use-settings.ts';

export function BasePathField({ disabled = false }: { disabled?: boolean }) {
  const report = useReportError();
  const effective = useSettings();
  // Only for the path the app was started with, which does not change while it runs.
  const [info, setInfo] = useState<AppInfo | undefined>();
  const [draft, setDraft] = useState<string | undefined>();
  const [picking, setPicking] = useState(false);

  useEffect(() => {
    getBridge().api.getAppInfo().then(setInfo, report);
  }, [report]);

  if (!info || !effective) return null;
  const current = effective.basePath;
  const value = draft ?? current;
  // Every view follows through 'settings.changed'; nothing to tell them here.
  const set = (p: string) =>
    getBridge()
      .api.setSaving({ basePath: p })
      .then(() => setDraft(undefined), report);
  const absolute = /^([\\/]|[A-Za-z]:[\\/])/.test(value);
  const fromCli = info.startupBasePath !== null;
  return (
    <div className="field base-path">
      <span>Base path (data files)</span>
      <div className="row">
        <input aria-label="base path" className={absolute ? '' : 'invalid'} value={value} onChange={(e) => setDraft(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && absolute && void set(value)} disabled={disabled} title={absolute ? value : 'Give an absolute folder path'} />
        <button disabled={disabled || !absolute || value === current} onClick={() => void set(value)} title={disabled ? 'Untick Do Save first' : value === current ? 'Type another folder first' : `Save files under ${value}`}>
          Set
        </button>
        <button disabled={disabled} onClick={() => setPicking(true)} title={disabled ? 'Untick Do Save first' : 'Choose a folder'}>
          Browse…
        </button>
      </div>
      {fromCli && (
        <small className="note" data-testid="base-path-cli-note">
          {current === info.startupBasePath ? 'Set by --base-path on the command line.' : `Started with --base-path ${info.startupBasePath}.`} A path set here lasts until the app restarts; then
          the command line wins again.
        </small>
      )}
      {picking && (
        <FolderPicker
          start={value}
          onCancel={() => setPicking(false)}
          onPick={(p) => {
            setPicking(false);
            void set(p);
          }}
        />
      )}
    </div>
  );
}
