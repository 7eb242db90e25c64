// The Viewer's continuous-saving block (PyMoDAQ style): base path, base name, current path (read-only), Do Save,
// compression and level, frames saved and file size.
import { useEffect, useState } from 'react';
import type { SaverStatus } from '../../shared/viewer.ts';
import { getBridge } from '../bridge.ts';
import { CompressionSelect } from '../components/CompressionSelect.tsx';
import { useReportError } from '../errors.tsx';
import { bytes } from '../format.ts';
import { BasePathField } from './BasePathField.tsx';

export function SavingBlock({ detector }: { detector: string }) {
  const report = useReportError();
  const [st, setSt] = useState<SaverStatus | undefined>();
  const [baseName, setBaseName] = useState('');

  useEffect(() => {
    const b = getBridge();
    b.api.getViewerState().then((v) => {
      setSt(v.saver);
      setBaseName(v.saver.baseName);
    }, report);
    return b.on('saver.status', setSt);
  }, [report]);

  if (!st) return null;
  const nameOk = /^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,63}$/.test(baseName);
  return (
    <fieldset className="saving" aria-label="continuous saving" data-testid="saving-block">
      <legend>Continuous saving</legend>
      <BasePathField disabled={st.doSave} onChanged={() => void getBridge().api.getViewerState().then((v) => setSt(v.saver), report)} />
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
        <span className="mono current-path" data-testid="current-path" title={st.doSave ? st.currentPath : undefined}>
          {st.doSave && st.currentPath ? <PathText path={st.currentPath} /> : '—'}
        </span>
        <span>frames saved</span>
        <span data-testid="frames-saved">{st.framesSaved}</span>
        <span>file size</span>
        <span>{bytes(st.fileBytes)}</span>
      </div>
      {st.error && <p className="field-error">{st.error}</p>}
    </fieldset>
  );
}

/** A path that may wrap only after a folder separator, never inside a folder or file name. */
function PathText({ path }: { path: string }) {
  const parts = path.split(/(?<=[\\/])/);
  return (
    <>
      {parts.map((p, i) => (
        <span key={i} className="path-seg">
          {p}
          {i < parts.length - 1 && <wbr />}
        </span>
      ))}
    </>
  );
}
