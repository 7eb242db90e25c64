// The selected detector's settings in the Viewer: its exposure and every setting the simulator lets change, edited
// and applied together, and saved or restored as named presets (per detector, kept in the data dir). Settings that
// shape the data (channels, width, height) or that it follows (motor) are shown but cannot be changed.
import { useCallback, useEffect, useState } from 'react';
import { SetName, type DetectorPreset, type DetectorSettings } from '../../shared/saved-sets.ts';
import { getBridge } from '../bridge.ts';
import { useReportError } from '../errors.tsx';

const show = (v: number | string | boolean) => (typeof v === 'number' ? String(Number(v.toPrecision(6))) : String(v));

export function DetectorSettingsPanel({ detector }: { detector: string }) {
  const report = useReportError();
  const api = getBridge().api;
  const [current, setCurrent] = useState<DetectorSettings | undefined>();
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [presets, setPresets] = useState<DetectorPreset[]>([]);
  const [chosen, setChosen] = useState('');
  const [name, setName] = useState('');
  const [message, setMessage] = useState('');

  const load = useCallback(() => {
    api.getDetectorSettings(detector).then(setCurrent, report);
    api.listDetectorPresets(detector).then(setPresets, report);
  }, [api, detector, report]);
  useEffect(() => {
    setDrafts({});
    setMessage('');
    setChosen('');
    load();
  }, [load]);

  if (!current || current.detector !== detector) return null;
  const keys = ['exposure', ...Object.keys(current.tunable)];
  const range = (k: string): [number, number] => (k === 'exposure' ? [0, 3600] : current.tunable[k]!);
  const valueOf = (k: string) => (k === 'exposure' ? current.exposure : (current.settings[k] as number));
  const problems = Object.entries(drafts).filter(([k, v]) => {
    const n = Number(v);
    const [lo, hi] = range(k);
    return v.trim() === '' || !Number.isFinite(n) || n < lo || n > hi;
  });
  const changed = Object.keys(drafts).length > 0;
  const fixed = Object.entries(current.settings).filter(([k]) => !Object.hasOwn(current.tunable, k));
  const parsedName = SetName.safeParse(name);
  const preset = presets.find((p) => p.name === chosen) ?? presets[0];

  const apply = async () => {
    const patch = Object.create(null) as Record<string, number>;
    for (const [k, v] of Object.entries(drafts)) if (k !== 'exposure') patch[k] = Number(v);
    try {
      if (Object.keys(patch).length) setCurrent(await api.setDetectorSettings(detector, patch));
      if (drafts.exposure !== undefined) await api.viewerSetExposure(detector, Number(drafts.exposure));
      setDrafts({});
      setMessage(`Applied to ${detector}.`);
      load();
    } catch (err) {
      report(err);
    }
  };

  return (
    <details className="detector-settings" data-testid="detector-settings" open>
      <summary>Settings: {detector}</summary>
      <form
        className="settings-grid"
        onSubmit={(e) => {
          e.preventDefault();
          if (changed && problems.length === 0) void apply();
        }}
      >
        {keys.map((k) => {
          const [lo, hi] = range(k);
          const draft = drafts[k];
          const bad = problems.some(([p]) => p === k);
          return (
            <label key={k} title={`${k}: ${lo} to ${hi}${k === 'exposure' ? ' s' : ''}`}>
              <span>{k === 'exposure' ? 'exposure (s)' : k}</span>
              <input aria-label={`${detector} setting ${k}`} className={bad ? 'num invalid' : 'num'} value={draft ?? show(valueOf(k))} onChange={(e) => setDrafts((d) => ({ ...d, [k]: e.target.value }))} />
            </label>
          );
        })}
        <div className="row">
          <button type="submit" disabled={!changed || problems.length > 0} title={!changed ? 'Change a value first' : problems.length ? `Out of range: ${problems.map(([k]) => k).join(', ')}` : `Apply the changes to ${detector}`}>
            Apply
          </button>
          <button type="button" disabled={!changed} title="Forget the changes typed" onClick={() => setDrafts({})}>
            Revert
          </button>
        </div>
      </form>
      {fixed.length > 0 && <p className="muted fixed-settings">fixed: {fixed.map(([k, v]) => `${k}=${show(v)}`).join(', ')}</p>}
      <div className="row">
        <select aria-label={`${detector} preset`} value={preset?.name ?? ''} onFocus={() => api.listDetectorPresets(detector).then(setPresets, report)} disabled={presets.length === 0} onChange={(e) => setChosen(e.target.value)} title={preset ? `exposure=${preset.exposure}, ${Object.entries(preset.settings).map(([k, v]) => `${k}=${show(v)}`).join(', ')}` : 'No presets yet'}>
          {presets.length === 0 && <option value="">no preset</option>}
          {presets.map((p) => (
            <option key={p.name}>{p.name}</option>
          ))}
        </select>
        <button
          disabled={!preset}
          title={preset ? `Set ${detector}'s exposure and settings from "${preset.name}"` : 'Save a preset first'}
          onClick={() =>
            preset &&
            api.applyDetectorPreset(detector, preset.name).then((r) => {
              setCurrent(r);
              setDrafts({});
              setMessage(`Preset "${preset.name}" applied to ${detector}.`);
            }, report)
          }
        >
          Load
        </button>
        <button
          disabled={!preset}
          title={preset ? `Delete the preset "${preset.name}"` : 'Nothing to delete'}
          onClick={() =>
            preset &&
            api.deleteDetectorPreset(detector, preset.name).then((rest) => {
              setPresets(rest);
              setChosen('');
              setMessage(`Preset "${preset.name}" deleted.`);
            }, report)
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
          api.saveDetectorPreset(detector, parsedName.data).then((p) => {
            setMessage(`Preset "${p.name}" saved for ${detector}.`);
            setName('');
            setChosen(p.name);
            load();
          }, report);
        }}
      >
        <input aria-label={`${detector} preset name`} placeholder="preset name" value={name} onChange={(e) => setName(e.target.value)} className={name === '' || parsedName.success ? '' : 'invalid'} title={name !== '' && !parsedName.success ? parsedName.error.issues[0]?.message : 'Saves the applied exposure and settings (not typed, unapplied values)'} />
        <button type="submit" disabled={!parsedName.success} title={parsedName.success ? `Save ${detector}'s applied exposure and settings as "${parsedName.data}"` : 'Type a name first'}>
          {parsedName.success && presets.some((p) => p.name === parsedName.data) ? 'Replace preset' : 'Save preset'}
        </button>
      </form>
      {message && (
        <p className="muted saved-message" data-testid="detector-settings-message">
          {message}
        </p>
      )}
    </details>
  );
}
