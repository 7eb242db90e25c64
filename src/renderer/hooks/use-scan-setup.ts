// The Scan panel's set-up: the form (restored from the last set-up saved in the settings, saved again as it is
// edited), its field errors checked against the motors' limits, and the backend's preview of the positions.
// Relative scans are checked from the motors' live readback (useDevices().positions), never from a position read
// when the panel opened: a motor moved from the Viewer or a script moves the limits of a relative scan with it.
import { useEffect, useMemo, useState } from 'react';
import type { ScanPreview } from '../../shared/scans.ts';
import { getBridge } from '../bridge.ts';
import { useReportError } from '../errors.tsx';
import { DEFAULT_FORM, toRequest, validate, type AxisForm, type FieldErrors, type MotorLimits, type ScanForm } from '../panels/scan/scan-form.ts';
import type { Devices } from './use-devices.ts';

export interface ScanSetup {
  form: ScanForm;
  set(patch: Partial<ScanForm>): void;
  setAxis(i: number, patch: Partial<AxisForm>): void;
  errors: FieldErrors;
  valid: boolean;
  /** The positions the backend would visit (undefined while checking or when it refuses). */
  preview: ScanPreview | undefined;
  /** Why the backend refuses the scan ('' when it does not). */
  previewError: string;
}

/** How long the form must stay unchanged before it is previewed and saved (typing is not sent key by key). */
const SETTLE_MS = 250;

export function useScanSetup({ motors, positions }: Pick<Devices, 'motors' | 'positions'>): ScanSetup {
  const report = useReportError();
  const [form, setForm] = useState<ScanForm>(DEFAULT_FORM);
  const [restored, setRestored] = useState(false);
  const [preview, setPreview] = useState<ScanPreview | undefined>();
  const [previewError, setPreviewError] = useState('');

  useEffect(() => {
    getBridge()
      .api.getSettings()
      .then((s) => {
        const saved = s.scan.lastSetup as Partial<ScanForm> | undefined;
        if (saved && typeof saved === 'object' && saved.type) setForm({ ...DEFAULT_FORM, ...saved });
      }, report)
      .finally(() => setRestored(true));
  }, [report]);

  const limits = useMemo(
    () => new Map<string, MotorLimits>(motors.map((m) => [m.name, { limits: m.limits, position: positions.get(m.name)?.position ?? m.position }])),
    [motors, positions],
  );
  const errors = validate(form, limits);
  const valid = Object.keys(errors).length === 0;
  // A relative scan's positions (and the backend's own limit check) depend on where its motors are now.
  const base = form.relative ? scannedMotors(form).map((m) => positions.get(m)?.position.toPrecision(6) ?? '').join(',') : '';

  // Preview the positions the backend would visit, and keep the set-up for next time.
  useEffect(() => {
    setPreviewError('');
    if (!valid) return setPreview(undefined);
    const t = setTimeout(() => {
      const api = getBridge().api;
      api.previewScan(toRequest(form)).then(setPreview, (err: unknown) => (setPreview(undefined), setPreviewError(err instanceof Error ? err.message : String(err))));
      // Not before the saved set-up is read: the defaults shown meanwhile must not replace it.
      if (restored) api.updateSettings({ scan: { lastSetup: form as unknown as Record<string, unknown> } }).catch(() => undefined);
    }, SETTLE_MS);
    return () => clearTimeout(t);
  }, [form, valid, base, restored]);

  const set = (patch: Partial<ScanForm>) => setForm((f) => ({ ...f, ...patch }));
  const setAxis = (i: number, patch: Partial<AxisForm>) => setForm((f) => ({ ...f, axes: f.axes.map((a, k) => (k === i ? { ...a, ...patch } : a)) }));
  return { form, set, setAxis, errors, valid, preview, previewError };
}

/** The motors a set-up moves (for a list scan, those named in its motors field). */
function scannedMotors(f: ScanForm): string[] {
  if (f.type === 'line') return f.axes.slice(0, 1).map((a) => a.motor);
  if (f.type === 'multi' || f.type === 'grid') return f.axes.map((a) => a.motor);
  if (f.type === 'list') return f.listMotors.split(',').map((m) => m.trim());
  return [];
}
