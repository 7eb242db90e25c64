// The base path (where data files go) with Set and Browse…, used by the Viewer's saving block and the Settings
// panel. When the app was started with --base-path (or DAQ_BASE_PATH) it says that the command line wins again
// at the next start, instead of the choice silently reverting.
import { useEffect, useState } from 'react';
import type { AppInfo } from '../../shared/api.ts';
import { getBridge } from '../bridge.ts';
import { FolderPicker } from '../components/FolderPicker.tsx';
import { useReportError } from '../errors.tsx';

/** Tells the shell (status bar) and other views that the base path changed. */
export const BASE_PATH_CHANGED = 'daq:base-path-changed';

export function BasePathField({ disabled = false, onChanged }: { disabled?: boolean; onChanged?: () => void }) {
  const report = useReportError();
  const [info, setInfo] = useState<AppInfo | undefined>();
  const [draft, setDraft] = useState<string | undefined>();
  const [picking, setPicking] = useState(false);

  useEffect(() => {
    const load = () => getBridge().api.getAppInfo().then(setInfo, report);
    void load();
    window.addEventListener(BASE_PATH_CHANGED, load);
    return () => window.removeEventListener(BASE_PATH_CHANGED, load);
  }, [report]);

  if (!info) return null;
  const value = draft ?? info.basePath;
  const set = (p: string) =>
    getBridge()
      .api.updateSettings({ basePath: p })
      .then(() => {
        setDraft(undefined);
        window.dispatchEvent(new Event(BASE_PATH_CHANGED));
        onChanged?.();
      }, report);
  const absolute = /^([\\/]|[A-Za-z]:[\\/])/.test(value);
  const fromCli = info.startupBasePath !== null;
  return (
    <div className="field base-path">
      <span>Base path (data files)</span>
      <div className="row">
        <input aria-label="base path" className={absolute ? '' : 'invalid'} value={value} onChange={(e) => setDraft(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && absolute && void set(value)} disabled={disabled} title={absolute ? value : 'Give an absolute folder path'} />
        <button disabled={disabled || !absolute || value === info.basePath} onClick={() => void set(value)} title={disabled ? 'Untick Do Save first' : value === info.basePath ? 'Type another folder first' : `Save files under ${value}`}>
          Set
        </button>
        <button disabled={disabled} onClick={() => setPicking(true)} title={disabled ? 'Untick Do Save first' : 'Choose a folder'}>
          Browse…
        </button>
      </div>
      {fromCli && (
        <small className="note" data-testid="base-path-cli-note">
          {info.basePath === info.startupBasePath ? 'Set by --base-path on the command line.' : `Started with --base-path ${info.startupBasePath}.`} A path set here lasts until the app restarts; then
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
