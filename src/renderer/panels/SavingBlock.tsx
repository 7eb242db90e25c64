// The Viewer's continuous-saving block (PyMoDAQ style): base path, base name, current path (read-only), Do Save,
// compression and level, frames saved and file size.
import { useEffect, useState } from 'react';
import type { SaverStatus } from '../../shared/viewer.ts';
import { getBridge } from '../bridge.ts';
import { CompressionSelect } from '../components/CompressionSelect.tsx';
import { FolderPicker } from '../components/FolderPicker.tsx';
import { useReportError } from '../errors.tsx';
import { bytes } from '../format.ts';

export function SavingBlock({ detector }: { detector: string }) {
  const report = useReportError();
  const [st, setSt] = useState<SaverStatus | undefined>();
  const [basePath, setBasePath] = useState('');
  const [baseName, setBaseName] = useState('');
  const [picking, setPicking] = useState(false);

  useEffect(() => {
    const b = getBridge();
    b.api.getViewerState().then((v) => {
      setSt(v.saver);
      setBasePath(v.saver.basePath);
      setBaseName(v.saver.baseName);
    }, report);
    return b.on('saver.status', setSt);
  }, [report]);

  if (!st) return null;
  const nameOk = /^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,63}$/.test(baseName);
  return (
    <fieldset className="saving" aria-label="continuous saving" data-testid="saving-block">
      <legend>Continuous saving</legend>
      <label className="field">
        <span>Base path</span>
        <div className="row">
          <input aria-label="base path" value={basePath} onChange={(e) => setBasePath(e.target.value)} disabled={st.doSave} />
          <button disabled={st.doSave || basePath === st.basePath} onClick={() => getBridge().api.updateSettings({ basePath }).then(() => getBridge().api.getViewerState()).then((v) => setSt(v.saver), report)}>
            Set
          </button>
          <button disabled={st.doSave} onClick={() => setPicking(true)}>
            Browse…
          </button>
        </div>
      </label>
      {picking && (
        <FolderPicker
          start={basePath || st.basePath}
          onCancel={() => setPicking(false)}
          onPick={(p) => {
            setPicking(false);
            setBasePath(p);
            getBridge()
              .api.updateSettings({ basePath: p })
              .then(() => getBridge().api.getViewerState())
              .then((v) => setSt(v.saver), report);
          }}
        />
      )}
      <label className={nameOk ? 'field' : 'field invalid'}>
        <span>Base name</span>
        <input
          aria-label="base name"
          value={baseName}
          disabled={st.doSave}
          onChange={(e) => setBaseName(e.target.value)}
          onBlur={() => nameOk && baseName !== st.baseName && getBridge().api.setSaverOptions({ baseName }).then(setSt, report)}
        />
      </label>
      <CompressionSelect value={st} disabled={st.doSave} onChange={(patch) => getBridge().api.setSaverOptions(patch).then(setSt, report)} />
      <label className="dosave">
        <input type="checkbox" aria-label="Do Save" checked={st.doSave} disabled={!nameOk} onChange={(e) => getBridge().api.setDoSave(e.target.checked, detector).then(setSt, report)} /> Do Save ({detector})
      </label>
      <div className="kv-small">
        <span>current path</span>
        <span className="mono" data-testid="current-path">{st.currentPath || '—'}</span>
        <span>frames saved</span>
        <span data-testid="frames-saved">{st.framesSaved}</span>
        <span>file size</span>
        <span>{bytes(st.fileBytes)}</span>
      </div>
      {st.error && <p className="field-error">{st.error}</p>}
    </fieldset>
  );
}
