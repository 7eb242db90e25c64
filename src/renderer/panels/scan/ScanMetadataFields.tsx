// This scan's own metadata: sample, comment and free key/value pairs (a key may carry units as "key@units").
import type { ScanSetup } from '../../hooks/use-scan-setup.ts';
import { Field } from './Field.tsx';

export function ScanMetadataFields({ setup }: { setup: ScanSetup }) {
  const { form, set, errors } = setup;
  const setExtra = (i: number, patch: Partial<{ key: string; value: string }>) => set({ extra: form.extra.map((x, k) => (k === i ? { ...x, ...patch } : x)) });
  return (
    <>
      <Field label="Sample">
        <input aria-label="sample" value={form.sample} onChange={(e) => set({ sample: e.target.value })} />
      </Field>
      <Field label="Comment">
        <input aria-label="comment" value={form.comment} onChange={(e) => set({ comment: e.target.value })} />
      </Field>
      {form.extra.map((kv, i) => (
        <div className="row" key={i}>
          <input aria-label={`metadata key ${i + 1}`} placeholder="key or key@units" className={errors[`extra${i}`] ? 'invalid' : ''} value={kv.key} onChange={(e) => setExtra(i, { key: e.target.value })} />
          <input aria-label={`metadata value ${i + 1}`} placeholder="value" value={kv.value} onChange={(e) => setExtra(i, { value: e.target.value })} />
        </div>
      ))}
      <button type="button" onClick={() => set({ extra: [...form.extra, { key: '', value: '' }] })}>
        + metadata
      </button>
    </>
  );
}
