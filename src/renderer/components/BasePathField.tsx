// The base path (where data files go) with Set and Browse…, used by the Viewer's saving block and the Settings
// panel. It shows the base path in effect (use-settings.ts), so a change made anywhere shows here too. When the app
// was started with --base-path (or DAQ_BASE_PATH) it says that the command line wins again at the next start,
// instead of the choice silently reverting. What the user types is theirs: a Set's answer clears the field's draft
// only when it still holds the path that was set, so a path typed while the Set was on its way is never lost.
import { useState } from 'react';
import { useAppInfo } from '../hooks/use-app-info.ts';
import { useSetSaving } from '../hooks/use-saver.ts';
import { useSettings } from '../hooks/use-settings.ts';
import { FolderPicker } from './FolderPicker.tsx';

export function BasePathField({ disabled = false }: { disabled?: boolean }) {
  const effective = useSettings();
  // Only for the path the app was started with, which does not change while it runs.
  const info = useAppInfo();
  const setSaving = useSetSaving();
  const [draft, setDraft] = useState<string | undefined>();
  const [picking, setPicking] = useState(false);
  // Sets on their way (aria-busy while any is): the answer may come after the user has typed again.
  const [pending, setPending] = useState(0);

  if (!info || !effective) return null;
  const current = effective.basePath;
  const value = draft ?? current;
  const set = (p: string) => {
    setPending((n) => n + 1);
    void setSaving({ basePath: p }).then((ok) => {
      setPending((n) => n - 1);
      if (ok) setDraft((d) => (d === p ? undefined : d));
    });
  };
  const absolute = /^([\\/]|[A-Za-z]:[\\/])/.test(value);
  const fromCli = info.startupBasePath !== null;
  return (
    <div className="field base-path" aria-busy={pending > 0 || undefined}>
      <span>Base path (data files)</span>
      <div className="row">
        <input aria-label="base path" className={absolute ? '' : 'invalid'} value={value} onChange={(e) => setDraft(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && absolute && set(value)} disabled={disabled} title={absolute ? value : 'Give an absolute folder path'} />
        <button disabled={disabled || !absolute || value === current} onClick={() => set(value)} title={disabled ? 'Untick Do Save first' : value === current ? 'Type another folder first' : `Save files under ${value}`}>
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
            setDraft(p);
            set(p);
          }}
        />
      )}
    </div>
  );
}
