// The Viewer's continuous-saving block (PyMoDAQ style): base path, base name, current path (read-only), Do Save,
// compression and level, frames saved and file size. The options (base path, base name, compression) are the
// settings in effect and are set with one call, setSaving; the rest is the saver's status (useSaver).
import { useState } from 'react';
import { baseNameProblem } from '../../../shared/settings.ts';
import { BasePathField } from '../../components/BasePathField.tsx';
import { CompressionSelect } from '../../components/CompressionSelect.tsx';
import { bytes } from '../../format.ts';
import { useSaver, useSetSaving } from '../../hooks/use-saver.ts';
import { useSettings } from '../../hooks/use-settings.ts';

export function SavingBlock({ detector }: { detector: string }) {
  const { status: st, setDoSave } = useSaver();
  const setSaving = useSetSaving();
  const effective = useSettings();
  // The base name being typed; undefined shows the saved one (which another window may change).
  const [draft, setDraft] = useState<string | undefined>();

  if (!st || !effective) return null;
  const options = effective.settings.continuous;
  const baseName = draft ?? options.baseName;
  const nameProblem = baseNameProblem(baseName);
  const nameOk = nameProblem === undefined;
  return (
    <fieldset className="saving" aria-label="continuous saving" data-testid="saving-block">
      <legend>Continuous saving</legend>
      <BasePathField disabled={st.doSave} />
      <label className={nameOk ? 'field' : 'field invalid'} title={nameProblem}>
        <span>Base name</span>
        <input
          aria-label="base name"
          value={baseName}
          disabled={st.doSave}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={() => nameOk && baseName !== options.baseName && void setSaving({ baseName }).then((ok) => ok && setDraft((d) => (d === baseName ? undefined : d)))}
        />
      </label>
      <CompressionSelect value={options} disabled={st.doSave} onChange={(patch) => void setSaving(patch)} />
      <label className="dosave">
        <input type="checkbox" aria-label="Do Save" checked={st.doSave} disabled={!nameOk} onChange={(e) => setDoSave(e.target.checked, detector)} /> Do Save ({detector})
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
