// HDF5 element types as a scientist reads them: numpy's array-protocol codes ("<H", ">f8", "|u1") become "uint16",
// "float64", "uint8". Anything else (compound, string, …) is shown as given.
const KIND: Record<string, string> = {
  b: 'int8',
  B: 'uint8',
  h: 'int16',
  H: 'uint16',
  i: 'int32',
  I: 'uint32',
  l: 'int64',
  L: 'uint64',
  q: 'int64',
  Q: 'uint64',
  e: 'float16',
  f: 'float32',
  d: 'float64',
  g: 'float128',
  '?': 'bool',
};
const SIZED: Record<string, string> = { i: 'int', u: 'uint', f: 'float', c: 'complex' };

export function numpyDtypeName(code: string): string {
  const m = /^([<>|=!]?)([a-zA-Z?])(\d*)$/.exec(code.trim());
  if (!m) return code;
  const [, order, kind, size] = m as unknown as [string, string, string, string];
  let name: string | undefined;
  if (size && SIZED[kind]) name = `${SIZED[kind]}${Number(size) * 8}`;
  else if (!size) name = KIND[kind];
  else if (kind === 'b' && size === '1') name = 'bool';
  if (!name) return code;
  // Big-endian data says so; little-endian is what every machine here uses.
  return order === '>' || order === '!' ? `${name} (big-endian)` : name;
}
