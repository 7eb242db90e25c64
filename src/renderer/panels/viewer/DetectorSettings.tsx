// The selected detector's settings in the Viewer: its exposure and every setting the simulator lets change, edited
// and applied together, and saved or restored as named presets (DetectorPresets). Settings that shape the data
// (channels, width, height) or that it follows (motor) are shown but cannot be changed.
import { useEffect, useState } from 'react';
import { useDetectorSettings } from '../../hooks/use-detector-settings.ts';
import { DetectorPresets, show } from './DetectorPresets.tsx';

export function DetectorSettings({ detector }: { detector: string }) {
  const state = useDetectorSettings(detector);
  const { current } = state;
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [message, setMessage] = useState('');
  useEffect(() => {
    setDrafts({});
    setMessage('');
  }, [detector]);

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

  const apply = async () => {
    const patch = Object.create(null) as Record<string, number>;
    for (const [k, v] of Object.entries(drafts)) if (k !== 'exposure') patch[k] = Number(v);
    if (await state.apply(patch, drafts.exposure !== undefined ? Number(drafts.exposure) : undefined)) {
      setDrafts({});
      setMessage(`Applied to ${detector}.`);
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
      <DetectorPresets
        detector={detector}
        state={state}
        onDone={(m, applied) => {
          if (applied) setDrafts({});
          setMessage(m);
        }}
      />
      {message && (
        <p className="muted saved-message" data-testid="detector-settings-message">
          {message}
        </p>
      )}
    </details>
  );
}
