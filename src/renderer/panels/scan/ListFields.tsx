// A list scan's motors and positions: one point per line, typed, pasted from a table or loaded from a text file.
import type { ScanSetup } from '../../hooks/use-scan-setup.ts';
import { Field } from './Field.tsx';

export function ListFields({ setup }: { setup: ScanSetup }) {
  const { form, set, errors } = setup;
  return (
    <>
      <Field label="Motors (comma-separated)" error={errors.listMotors}>
        <input aria-label="list motors" value={form.listMotors} onChange={(e) => set({ listMotors: e.target.value })} />
      </Field>
      <Field label="Positions: one point per line (paste a table)" error={errors.listTable}>
        <textarea aria-label="list positions" rows={5} value={form.listTable} onChange={(e) => set({ listTable: e.target.value })} />
      </Field>
      <input
        type="file"
        aria-label="load positions"
        accept=".txt,.csv,.dat"
        onChange={(e) => {
          const f = e.target.files?.[0];
          if (f) void f.text().then((t) => set({ listTable: t }));
        }}
      />
    </>
  );
}
