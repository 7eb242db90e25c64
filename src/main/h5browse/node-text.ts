// How the Browser shows what a node holds: attribute values as text, settings stored as JSON decoded, the
// dataset type named.
import type { H5 } from '../storage/nexus-reader.ts';

type Dataset = InstanceType<H5['Dataset']>;

/** An attribute or small value as text for the info table (long strings and arrays cut). */
export function attrValue(v: unknown): string {
  if (typeof v === 'string') return v.length > 2000 ? `${v.slice(0, 2000)}… (${v.length} characters)` : v;
  if (ArrayBuffer.isView(v)) {
    const a = Array.from(v as unknown as ArrayLike<number | bigint>, (x) => String(x));
    return `[${a.slice(0, 50).join(', ')}${a.length > 50 ? `, … (${a.length} values)` : ''}]`;
  }
  if (Array.isArray(v)) return `[${v.slice(0, 50).map((x) => String(x)).join(', ')}${v.length > 50 ? `, … (${v.length} values)` : ''}]`;
  return typeof v === 'bigint' ? v.toString() : String(v);
}

/** PyMoDAQ wraps settings as JSON in attributes; decode them for display. */
export function maybeJson(v: unknown): unknown {
  if (typeof v !== 'string' || !/^\s*[[{]/.test(v)) return undefined;
  try {
    return JSON.parse(v);
  } catch {
    return undefined;
  }
}

/** A dataset's type as text (compound and enum named as such). */
export function dtypeText(ds: Dataset): string {
  const m = ds.metadata as { type?: number; size?: number; signed?: boolean; vlen?: boolean; compound_type?: unknown; enum_type?: unknown; littleEndian?: boolean };
  if (m.compound_type) return 'compound';
  if (m.enum_type) return 'enum';
  const d = ds.dtype;
  return typeof d === 'string' ? d : JSON.stringify(d);
}
