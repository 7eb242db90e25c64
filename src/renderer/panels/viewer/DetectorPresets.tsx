// A detector's named presets (kept in the data dir, per detector): pick one and Load or Delete it, or save the
// applied exposure and settings under a name (typed, unapplied values are not saved).
import { useEffect, useState } from 'react';
import { SetName } from '../../../shared/saved-sets.ts';
import type { DetectorSettingsState } from '../../hooks/use-detector-settings.ts';

/** A setting's value as shown: numbers to 6 significant digits. */
export const show = (v: number | string | boolean) => (typeof v === 'number' ? String(Number(v.toPrecision(6))) : String(v));

/** `onDone(message, applied)`: what happened, and whether the detector's settings changed (drafts are stale). */
export function DetectorPresets({ detector, state, onDone }: { detector: string; state: DetectorSettingsState; onDone: (message: string, applied: boolean) => void }) {
  const { presets } = state;
  const [chosen, setChosen] = useState('');
  const [name, setName] = useState('');
  useEffect(() => setChosen(''), [detector]);
  const parsedName = SetName.safeParse(name);
  const preset = presets.find((p) => p.name === chosen) ?? presets[0];
  return (
    <>
      <div className="row">
        <select aria-label={`${detector} preset`} value={preset?.name ?? ''} onFocus={state.refreshPresets} disabled={presets.length === 0} onChange={(e) => setChosen(e.target.value)} title={preset ? `exposure=${preset.exposure}, ${Object.entries(preset.settings).map(([k, v]) => `${k}=${show(v)}`).join(', ')}` : 'No presets yet'}>
          {presets.length === 0 && <option value="">no preset</option>}
          {presets.map((p) => (
            <option key={p.name}>{p.name}</option>
          ))}
        </select>
        <button
          disabled={!preset}
          title={preset ? `Set ${detector}'s exposure and settings from "${preset.name}"` : 'Save a preset first'}
          onClick={() => preset && void state.applyPreset(preset.name).then((ok) => ok && onDone(`Preset "${preset.name}" applied to ${detector}.`, true))}
        >
          Load
        </button>
        <button
          disabled={!preset}
          title={preset ? `Delete the preset "${preset.name}"` : 'Nothing to delete'}
          onClick={() =>
            preset &&
            void state.deletePreset(preset.name).then((ok) => {
              if (!ok) return;
              setChosen('');
              onDone(`Preset "${preset.name}" deleted.`, false);
            })
          }
        >
          Delete
        </button>
      </div>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          if (!parsedName.success) return;
          void state.savePreset(parsedName.data).then((p) => {
            if (!p) return;
            onDone(`Preset "${p.name}" saved for ${detector}.`, false);
            setName('');
            setChosen(p.name);
          });
        }}
      >
        <input aria-label={`${detector} preset name`} placeholder="preset name" value={name} onChange={(e) => setName(e.target.value)} className={name === '' || parsedName.success ? '' : 'invalid'} title={name !== '' && !parsedName.success ? parsedName.error.issues[0]?.message : 'Saves the applied exposure and settings (not typed, unapplied values)'} />
        <button type="submit" disabled={!parsedName.success} title={parsedName.success ? `Save ${detector}'s applied exposure and settings as "${parsedName.data}"` : 'Type a name first'}>
          {parsedName.success && presets.some((p) => p.name === parsedName.data) ? 'Replace preset' : 'Save preset'}
        </button>
      </form>
    </>
  );
}
