// Saved positions in the Viewer's motor pane: save where every motor is under a name, pick a saved set and go
// back to it (every motor of the set moves), or delete it. The sets live in the data dir, shared by every window.
import { useState } from 'react';
import { SetName, type SavedPositionSet } from '../../../shared/saved-sets.ts';
import { useSavedPositions } from '../../hooks/use-positions.ts';

function describe(set: SavedPositionSet): string {
  const where = Object.entries(set.positions)
    .map(([m, p]) => `${m}=${Number(p.toPrecision(6))}`)
    .join(', ');
  return `${where} (saved ${new Date(set.savedAt).toLocaleString()})`;
}

export function SavedPositions() {
  const { sets, reload, save, goTo, remove } = useSavedPositions();
  const [name, setName] = useState('');
  const [chosen, setChosen] = useState('');
  const [message, setMessage] = useState('');

  const parsed = SetName.safeParse(name);
  const exists = parsed.success && sets.some((s) => s.name === parsed.data);
  const current = sets.find((s) => s.name === chosen) ?? sets[0];
  return (
    <fieldset className="saved-positions" data-testid="saved-positions">
      <legend>Saved positions</legend>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          if (!parsed.success) return;
          void save(parsed.data).then((s) => {
            if (!s) return;
            setMessage(`Saved "${s.name}": ${describe(s)}`);
            setChosen(s.name);
            setName('');
          });
        }}
      >
        <input
          aria-label="saved positions name"
          className={name === '' || parsed.success ? '' : 'invalid'}
          placeholder="name, e.g. aligned"
          value={name}
          onChange={(e) => setName(e.target.value)}
          title={name !== '' && !parsed.success ? parsed.error.issues[0]?.message : 'A name for the current positions of every motor'}
        />
        <button type="submit" disabled={!parsed.success} title={!parsed.success ? 'Type a name first' : exists ? `Replace the saved set "${parsed.data}" with the current positions` : 'Save the current position of every motor under this name'}>
          {exists ? 'Replace' : 'Save positions'}
        </button>
      </form>
      <div className="row">
        <select aria-label="saved position set" value={current?.name ?? ''} onFocus={reload} onChange={(e) => setChosen(e.target.value)} disabled={sets.length === 0} title={current ? describe(current) : 'No saved positions yet'}>
          {sets.length === 0 && <option value="">none saved</option>}
          {sets.map((s) => (
            <option key={s.name} value={s.name} title={describe(s)}>
              {s.name}
            </option>
          ))}
        </select>
        <button
          disabled={!current}
          title={current ? `Move every motor to "${current.name}": ${describe(current)}` : 'Save positions first'}
          onClick={() =>
            current &&
            void goTo(current.name).then((r) => r && setMessage(`At "${r.name}": ${r.moved.length} motor(s) moved${r.missing.length ? `; not on this instrument: ${r.missing.join(', ')}` : ''}.`))
          }
        >
          Go to
        </button>
        <button
          disabled={!current}
          title={current ? `Delete the saved set "${current.name}"` : 'Nothing to delete'}
          onClick={() =>
            current &&
            void remove(current.name).then((ok) => {
              if (!ok) return;
              setMessage(`Deleted "${current.name}".`);
              setChosen('');
            })
          }
        >
          Delete
        </button>
      </div>
      {message && (
        <p className="muted saved-message" data-testid="saved-positions-message">
          {message}
        </p>
      )}
    </fieldset>
  );
}
