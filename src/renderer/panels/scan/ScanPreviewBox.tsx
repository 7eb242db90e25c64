// Under the form: how many points the scan has and its first positions, as the backend would visit them; or why
// it cannot run.
import type { ScanSetup } from '../../hooks/use-scan-setup.ts';
import { fmt } from './scan-format.ts';

/** Positions shown in the preview; the rest is "…". */
const SHOWN = 6;

export function ScanPreviewBox({ setup }: { setup: ScanSetup }) {
  const { preview, previewError, valid } = setup;
  return (
    <div className="preview" data-testid="scan-preview">
      {preview ? (
        <>
          <strong>{preview.numPoints}</strong> point(s): {preview.title}
          {preview.motors.length > 0 && (
            <div className="preview-positions">
              {preview.positions.slice(0, SHOWN).map((r) => r.map(fmt).join(', ')).join(' · ')}
              {preview.numPoints > SHOWN ? ' …' : ''}
            </div>
          )}
        </>
      ) : valid ? (
        previewError ? (
          <span className="field-error">{previewError}</span>
        ) : (
          'checking…'
        )
      ) : (
        'fix the marked fields'
      )}
    </div>
  );
}
