// The scan set-up: type, motors and ranges, points, exposure, relative/snake, detectors, metadata, the scan
// file's compression and the preview. Submitting the form (Enter in a field) starts the scan.
import type { DetectorInfo, MotorInfo } from '../../../shared/api.ts';
import { ScanFileCompression } from '../../components/CompressionSelect.tsx';
import type { ScanSetup } from '../../hooks/use-scan-setup.ts';
import { AxesFields } from './AxesFields.tsx';
import { DetectorPicker } from './DetectorPicker.tsx';
import { Field } from './Field.tsx';
import { ListFields } from './ListFields.tsx';
import type { ScanType } from './scan-form.ts';
import { ScanMetadataFields } from './ScanMetadataFields.tsx';
import { ScanPreviewBox } from './ScanPreviewBox.tsx';
import { SessionMetadata } from './SessionMetadata.tsx';

const TYPES: { id: ScanType; label: string }[] = [
  { id: 'line', label: 'Line (1 motor)' },
  { id: 'multi', label: 'Multi-motor (together)' },
  { id: 'grid', label: 'Grid (mesh)' },
  { id: 'list', label: 'List of positions' },
  { id: 'count', label: 'Count' },
  { id: 'timescan', label: 'Time scan' },
];

export interface ScanSetupFormProps {
  setup: ScanSetup;
  motors: MotorInfo[];
  detectors: DetectorInfo[];
  /** A scan is running (the scan file's compression cannot change under it). */
  running: boolean;
  onStart(): void;
}

export function ScanSetupForm({ setup, motors, detectors, running, onStart }: ScanSetupFormProps) {
  const { form, set, errors } = setup;
  return (
    <form className="scan-setup" onSubmit={(e) => (e.preventDefault(), onStart())} aria-label="Scan set-up">
      <Field label="Scan type">
        <select value={form.type} onChange={(e) => set({ type: e.target.value as ScanType })} aria-label="scan type">
          {TYPES.map((t) => (
            <option key={t.id} value={t.id}>
              {t.label}
            </option>
          ))}
        </select>
      </Field>
      <AxesFields setup={setup} motors={motors} />
      {form.type === 'list' && <ListFields setup={setup} />}
      {form.type !== 'grid' && form.type !== 'list' && (
        <Field label={form.type === 'timescan' ? 'Points (empty: until stopped)' : 'Points (start and stop included)'} error={errors.points}>
          <input className="num" aria-label="points" value={form.points} onChange={(e) => set({ points: e.target.value })} />
        </Field>
      )}
      <Field label="Exposure per point (s)" error={errors.expTime}>
        <input className="num" aria-label="exposure" value={form.expTime} onChange={(e) => set({ expTime: e.target.value })} />
      </Field>
      <div className="row">
        {form.type !== 'count' && form.type !== 'timescan' && (
          <label>
            <input type="checkbox" checked={form.relative} onChange={(e) => set({ relative: e.target.checked })} /> relative
          </label>
        )}
        {form.type === 'grid' && (
          <label>
            <input type="checkbox" checked={form.snake} onChange={(e) => set({ snake: e.target.checked })} /> snake
          </label>
        )}
      </div>
      <DetectorPicker setup={setup} detectors={detectors} />
      <ScanMetadataFields setup={setup} />
      <SessionMetadata />
      <ScanFileCompression disabled={running} />
      <ScanPreviewBox setup={setup} />
    </form>
  );
}
