// The detectors a scan reads, one checkbox each (at least one must stay ticked: scan-form.ts says why).
import type { DetectorInfo } from '../../../shared/api.ts';
import type { ScanSetup } from '../../hooks/use-scan-setup.ts';

export function DetectorPicker({ setup, detectors }: { setup: ScanSetup; detectors: DetectorInfo[] }) {
  const { form, set, errors } = setup;
  return (
    <fieldset className="detectors" aria-label="detectors">
      <legend>Detectors {errors.detectors && <small className="field-error">{errors.detectors}</small>}</legend>
      {detectors.map((d) => (
        <label key={d.name}>
          <input
            type="checkbox"
            checked={form.detectors.includes(d.name)}
            onChange={(e) => set({ detectors: e.target.checked ? [...form.detectors, d.name] : form.detectors.filter((x) => x !== d.name) })}
          />{' '}
          {d.name}
        </label>
      ))}
    </fieldset>
  );
}
