// Session metadata (BLISS-style categories) written with every scan: list, add, remove. It sits inside the scan
// form, so its buttons are type="button" (a plain button there would submit the form and start a scan).
import { useState } from 'react';
import type { MetadataTiming } from '../../../shared/metadata.ts';
import { useMetadata } from '../../hooks/use-metadata.ts';

const CATEGORIES = ['sample', 'sample_description', 'proposal', 'technique', 'instrument'];

export function SessionMetadata() {
  const { entries, add: addEntry, remove } = useMetadata();
  const [draft, setDraft] = useState({ category: 'proposal', name: '', value: '', timing: '' });

  const nameOk = /^[A-Za-z_][A-Za-z0-9_]*(@[A-Za-z_]+)?$/.test(draft.name);
  const add = () => {
    const n = Number(draft.value);
    const value = draft.value.trim() !== '' && Number.isFinite(n) ? n : draft.value;
    void addEntry(draft.category, draft.name, value, draft.timing ? (draft.timing as MetadataTiming) : undefined).then((ok) => ok && setDraft({ ...draft, name: '', value: '' }));
  };
  return (
    <fieldset className="session-md" aria-label="session metadata" data-testid="session-metadata">
      <legend>Session metadata (every scan)</legend>
      {entries.map((e) => (
        <div className="row md-entry" key={`${e.category}/${e.name}`}>
          <span className="mono">
            {e.category}/{e.name} = {JSON.stringify(e.value)} <small className="muted">{e.timing}</small>
          </span>
          <button
            type="button"
            aria-label={`remove ${e.category}/${e.name}`}
            onClick={() => remove(e.category, e.name)}
          >
            ×
          </button>
        </div>
      ))}
      <div className="row">
        <select aria-label="metadata category" value={draft.category} onChange={(e) => setDraft({ ...draft, category: e.target.value })}>
          {CATEGORIES.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
        <input aria-label="metadata name" placeholder="name" className={draft.name && !nameOk ? 'invalid' : ''} value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
      </div>
      <div className="row">
        <input aria-label="metadata value" placeholder="value" value={draft.value} onChange={(e) => setDraft({ ...draft, value: e.target.value })} />
        <select aria-label="metadata timing" value={draft.timing} onChange={(e) => setDraft({ ...draft, timing: e.target.value })} title="When the value is collected for each scan (it goes into the file's start or end metadata)">
          <option value="" title="START, except END for the instrument category">default timing</option>
          <option title="Read when the scan starts; stored with the start document">START</option>
          <option title="Read when the scan ends; stored with the stop document (md_end)">END</option>
          <option title="Read while the scan is prepared, before the first motor moves; stored with the start document">PREPARED</option>
        </select>
        <button type="button" disabled={!nameOk} onClick={add}>
          Add
        </button>
      </div>
    </fieldset>
  );
}
