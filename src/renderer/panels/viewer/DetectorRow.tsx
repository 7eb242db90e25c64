// One detector of the Viewer's detector table: click to show it live; its exposure; Grab, Snap and Stop; its kind.
import { useState } from 'react';
import type { DetectorInfo } from '../../../shared/api.ts';
import type { ViewerControls } from '../../hooks/use-viewer.ts';

export function DetectorRow({ det, selected, viewer, onSelect }: { det: DetectorInfo; selected: boolean; viewer: ViewerControls; onSelect: () => void }) {
  const grabbing = viewer.grabbing.includes(det.name);
  const exposure = viewer.exposures?.[det.name];
  // The box shows the backend's exposure until the user types; then the draft until it is sent (on blur or Enter).
  // Before the Viewer state arrives it stays empty instead of guessing a default.
  const [draft, setDraft] = useState<string | undefined>();
  const exp = draft ?? (exposure === undefined ? '' : String(exposure));
  const valid = exp.trim() !== '' && Number.isFinite(Number(exp)) && Number(exp) >= 0 && Number(exp) <= 3600;
  const commit = () => {
    if (draft === undefined || !valid) return;
    // The draft goes only if it is still what was sent: a value typed while the call was on its way stays.
    const sent = draft;
    void viewer.setExposure(det.name, Number(exp)).then((ok) => ok && setDraft((d) => (d === sent ? undefined : d)));
  };
  const settings = Object.entries(det.settings)
    .map(([k, v]) => `${k}=${typeof v === 'number' ? Number(v.toPrecision(4)) : String(v)}`)
    .join(', ');
  const kind = `${det.ndim}-D${det.shape.length ? ' ' + det.shape.join('×') : ''}`;
  return (
    <tr data-testid={`detector-${det.name}`} className={selected ? 'selected' : ''} onClick={onSelect}>
      <td className="name" title={`Show ${det.name} in the live view`}>
        {det.name}
      </td>
      <td>
        <input
          className={valid ? 'num exposure' : 'num exposure invalid'}
          aria-label={`${det.name} exposure`}
          value={exp}
          placeholder="…"
          onChange={(e) => setDraft(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => e.key === 'Enter' && commit()}
          title="Exposure (s), 0 to 3600; sent when you leave the box or press Enter"
        />
      </td>
      <td className="buttons">
        <button aria-label={`Grab ${det.name}`} disabled={grabbing} title={grabbing ? `${det.name} is grabbing` : 'Acquire continuously'} onClick={() => (onSelect(), viewer.grab(det.name))}>
          Grab
        </button>
        <button aria-label={`Snap ${det.name}`} disabled={grabbing} title={grabbing ? `${det.name} is grabbing` : 'Acquire one frame'} onClick={() => (onSelect(), viewer.snap(det.name))}>
          Snap
        </button>
        <button aria-label={`Stop ${det.name}`} disabled={!grabbing} title={grabbing ? 'Stop grabbing' : `${det.name} is not grabbing`} onClick={() => viewer.stop(det.name)}>
          Stop
        </button>
      </td>
      <td className="settings" title={`${det.dtype}, ${det.units}; ${settings}`}>
        {kind}
      </td>
    </tr>
  );
}
