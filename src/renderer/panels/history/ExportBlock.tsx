// The History's actions on scans: export the ticked ones to SPEC (one or many) or CSV (one), run the clicked one
// again, or overlay the ticked ones. The export path starts as <base path>/export.spec and follows the base path
// as it changes (useSettings), until the user types a path of their own.
import { useState } from 'react';
import type { ScanRow } from '../../../shared/history.ts';
import { canRerun, type History } from '../../hooks/use-history.ts';
import { useSettings } from '../../hooks/use-settings.ts';

export interface ExportBlockProps {
  /** The ticked scans' uids (only ticked rows are exported, not a row merely clicked). */
  chosen: string[];
  /** The clicked scan (the one Re-run runs). */
  current: ScanRow | undefined;
  history: Pick<History, 'exportSpec' | 'exportCsv' | 'rerun'>;
  onOverlay: () => void;
}

export function ExportBlock({ chosen, current, history, onOverlay }: ExportBlockProps) {
  const basePath = useSettings()?.basePath;
  const [typed, setTyped] = useState<string | undefined>();
  const specPath = typed ?? (basePath ? `${basePath}/export.spec` : '');
  const [append, setAppend] = useState(true);
  const [message, setMessage] = useState('');
  const show = (m: string | undefined) => m && setMessage(m);
  const rerun = canRerun(current);
  return (
    <fieldset className="saving">
      <legend>
        Export ({chosen.length} scan{chosen.length === 1 ? '' : 's'})
      </legend>
      <input aria-label="export path" value={specPath} onChange={(e) => setTyped(e.target.value)} />
      <label>
        <input type="checkbox" checked={append} onChange={(e) => setAppend(e.target.checked)} /> append to an existing SPEC file
      </label>
      <div className="row">
        <button
          disabled={chosen.length === 0}
          title={chosen.length === 0 ? 'Tick one or more scans first' : `Write ${chosen.length} scan(s) to the SPEC file`}
          onClick={() => void history.exportSpec(chosen, specPath, append).then(show)}
        >
          Export SPEC
        </button>
        <button
          disabled={chosen.length !== 1}
          title={chosen.length === 1 ? 'Write the ticked scan to a CSV file next to the SPEC path' : `Tick exactly one scan (${chosen.length} ticked)`}
          onClick={() => void history.exportCsv(chosen[0]!, specPath.replace(/\.spec$/, '') + '.csv').then(show)}
        >
          Export CSV
        </button>
        <button
          disabled={!rerun}
          title={!current ? 'Click a scan first' : !rerun ? `A ${current.planName} cannot be run again from here` : `Run scan ${current.scanNumber} again with the same parameters`}
          onClick={() => current && void history.rerun(current).then(show)}
        >
          Re-run
        </button>
        <button
          disabled={chosen.length < 2}
          title={chosen.length < 2 ? `Tick two or more scans to compare them (${chosen.length} ticked)` : `Plot the main 0-D channel of the ${chosen.length} ticked scans in one plot`}
          onClick={onOverlay}
        >
          Overlay
        </button>
      </div>
      {message && (
        <p className="muted" data-testid="history-message">
          {message}
        </p>
      )}
    </fieldset>
  );
}
