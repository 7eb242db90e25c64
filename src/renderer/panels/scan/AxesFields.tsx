// The motor axes of a line, multi-motor or grid scan: motor, start, stop (and points per axis for a grid), with
// "+ motor" / "− motor" for the scans that take several.
import type { MotorInfo } from '../../../shared/api.ts';
import type { ScanSetup } from '../../hooks/use-scan-setup.ts';
import { Field } from './Field.tsx';

export function AxesFields({ setup, motors }: { setup: ScanSetup; motors: MotorInfo[] }) {
  const { form, set, setAxis, errors } = setup;
  const shown = form.type === 'line' ? 1 : form.type === 'multi' || form.type === 'grid' ? form.axes.length : 0;
  // A new axis takes the first motor not scanned yet.
  const addAxis = () => set({ axes: [...form.axes, { motor: motors.find((m) => !form.axes.some((a) => a.motor === m.name))?.name ?? '', start: '0', stop: '1', points: '5' }] });
  return (
    <>
      {Array.from({ length: shown }, (_, i) => (
        <div className="axis" key={i} data-testid={`axis-${i}`}>
          <Field label={shown > 1 ? `Motor ${i + 1}` : 'Motor'} error={errors[`axis${i}.motor`] ?? (i === 0 ? errors.axes : undefined)}>
            <select value={form.axes[i]!.motor} onChange={(e) => setAxis(i, { motor: e.target.value })} aria-label={`motor ${i + 1}`}>
              {motors.map((m) => (
                <option key={m.name} value={m.name}>
                  {m.name} ({m.units})
                </option>
              ))}
            </select>
          </Field>
          <Field label="Start" error={errors[`axis${i}.start`]}>
            <input className="num" aria-label={`start ${i + 1}`} value={form.axes[i]!.start} onChange={(e) => setAxis(i, { start: e.target.value })} />
          </Field>
          <Field label="Stop" error={errors[`axis${i}.stop`]}>
            <input className="num" aria-label={`stop ${i + 1}`} value={form.axes[i]!.stop} onChange={(e) => setAxis(i, { stop: e.target.value })} />
          </Field>
          {form.type === 'grid' && (
            <Field label="Points" error={errors[`axis${i}.points`]}>
              <input className="num" aria-label={`points ${i + 1}`} value={form.axes[i]!.points} onChange={(e) => setAxis(i, { points: e.target.value })} />
            </Field>
          )}
        </div>
      ))}
      {errors.gridTotal && <small className="field-error">{errors.gridTotal}</small>}
      {(form.type === 'multi' || form.type === 'grid') && (
        <div className="row">
          <button type="button" onClick={addAxis}>
            + motor
          </button>
          {form.axes.length > (form.type === 'grid' ? 2 : 1) && (
            <button type="button" onClick={() => set({ axes: form.axes.slice(0, -1) })}>
              − motor
            </button>
          )}
        </div>
      )}
    </>
  );
}
