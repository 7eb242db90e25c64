// The HDF5 writing primitives of the NeXus layout (inside the writer worker, on an open h5wasm file): attributes
// replaced rather than duplicated, groups with their NX_class, one value as a typed dataset, safe link names, and
// nested user metadata as groups and datasets ("name@units", "@NX_class", "@attr").
type H5 = typeof import('h5wasm/node');
type Group = InstanceType<H5['Group']>;
type Dataset = InstanceType<H5['Dataset']>;

export function setAttr(obj: { create_attribute(name: string, data: unknown): void; attrs: Record<string, unknown> }, name: string, value: string | string[] | number): void {
  if (name in obj.attrs) (obj as unknown as { delete_attribute(n: string): void }).delete_attribute(name);
  obj.create_attribute(name, value as string);
}

/** A new group with its NX_class. */
export function group(parent: Group, name: string, nxClass: string): Group {
  const g = parent.create_group(name);
  setAttr(g, 'NX_class', nxClass);
  return g;
}

/** Writes one value as a dataset; `asFloat` keeps measured quantities float64 even when they are whole. */
export function scalar(parent: Group, name: string, value: unknown, units?: string, asFloat = false): void {
  let ds: Dataset;
  if (typeof value === 'number') {
    ds = !asFloat && Number.isInteger(value) && Math.abs(value) < 2 ** 53
      ? parent.create_dataset({ name, data: new BigInt64Array([BigInt(value)]), shape: [] })
      : parent.create_dataset({ name, data: new Float64Array([value]), shape: [] });
  } else if (typeof value === 'boolean') {
    ds = parent.create_dataset({ name, data: new Uint8Array([value ? 1 : 0]), shape: [] });
    setAttr(ds, 'boolean', 'true');
  } else if (typeof value === 'string') {
    ds = parent.create_dataset({ name, data: value });
  } else if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    ds = parent.create_dataset({ name, data: Float64Array.from(value as number[]) });
  } else if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string')) {
    ds = parent.create_dataset({ name, data: value as string[] });
  } else {
    ds = parent.create_dataset({ name, data: JSON.stringify(value ?? null) });
    setAttr(ds, 'format', 'json');
  }
  if (units) setAttr(ds, 'units', units);
}

/** Safe HDF5 link names: no "/" and not "." or "..". */
export function safeName(k: string): string {
  const s = k.replace(/\//g, '_');
  return s === '.' || s === '..' || s === '' ? `_${s}` : s;
}

/**
 * Writes nested metadata: objects become groups (NXcollection unless "@NX_class" says otherwise), scalars and
 * arrays datasets; "name@units" puts a units attribute on dataset "name"; "@attr" sets a group attribute.
 */
export function writeMetadata(parent: Group, obj: Record<string, unknown>, defaultClass: string | null = 'NXcollection'): void {
  const attrs: [string, unknown][] = [];
  const units = new Map<string, string>();
  for (const [k, v] of Object.entries(obj)) {
    if (k.startsWith('@')) {
      if (k.length > 1) attrs.push([k.slice(1), v]); // a lone "@" names no attribute: it is dropped
    } else if (k.includes('@')) {
      const [name, attr] = k.split('@', 2) as [string, string];
      if (attr === 'units' && typeof v === 'string') units.set(name, v);
      else attrs.push([`${name}_${attr}`, v]);
    }
  }
  if (defaultClass && !attrs.some(([a]) => a === 'NX_class')) setAttr(parent as never, 'NX_class', defaultClass);
  for (const [a, v] of attrs) setAttr(parent as never, a, typeof v === 'number' ? v : typeof v === 'string' ? v : JSON.stringify(v));
  const existing = new Set(parent.keys());
  for (const [k, v] of Object.entries(obj)) {
    if (k.includes('@')) continue;
    const name = safeName(k);
    if (existing.has(name)) continue;
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const g = parent.create_group(name);
      writeMetadata(g, v as Record<string, unknown>, name === 'sample' ? 'NXsample' : 'NXcollection');
    } else {
      scalar(parent, name, v, units.get(k));
    }
  }
}
