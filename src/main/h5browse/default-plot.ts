// The default plot under a node, as silx and NeXus readers find it: follow @default down to an NXdata (or the
// first NXentry/NXdata child), then its @signal, @axes, @auxiliary_signals, labels from long_name or units,
// and the SILX_style scale.
import type { PlotDescription } from '../../shared/browse.ts';
import type { H5, H5File } from '../storage/nexus-reader.ts';

type Group = InstanceType<H5['Group']>;
type Dataset = InstanceType<H5['Dataset']>;

export function findDefaultPlot(file: H5File, path = '/'): PlotDescription | null {
  const get = (p: string) => {
    try {
      return file.get(p) as (Group & Dataset) | null;
    } catch {
      return null;
    }
  };
  const attr = (g: { attrs: Record<string, unknown>; get_attribute(n: string, j: false): unknown }, n: string): unknown => (n in g.attrs ? g.get_attribute(n, false) : undefined);
  const cls = (p: string) => {
    const g = get(p);
    return g && 'attrs' in g ? String(attr(g, 'NX_class') ?? '') : '';
  };
  const join = (a: string, b: string) => (b.startsWith('/') ? b : `${a === '/' ? '' : a}/${b}`);
  // Follow @default down to an NXdata.
  let p = path || '/';
  for (let depth = 0; depth < 8 && cls(p) !== 'NXdata'; depth++) {
    const g = get(p === '/' ? '/' : p) ?? (p === '/' ? (file as unknown as Group & Dataset) : null);
    if (!g) break;
    const d = attr(g, 'default');
    if (typeof d === 'string' && get(join(p, d))) {
      p = join(p, d);
      continue;
    }
    // No @default: the first NXentry/NXdata child.
    const kids = (g as Group).keys?.() ?? [];
    const next = kids.map((k) => join(p, k)).find((k) => cls(k) === 'NXdata') ?? kids.map((k) => join(p, k)).find((k) => cls(k) === 'NXentry');
    if (!next) return null;
    p = next;
  }
  if (cls(p) !== 'NXdata') return null;
  const g = get(p)!;
  const signalName = attr(g, 'signal');
  const kids = (g as Group).keys();
  const sName = typeof signalName === 'string' && kids.includes(signalName) ? signalName : kids.find((k) => (get(join(p, k))?.shape?.length ?? 0) > 0);
  if (!sName) return null;
  const signal = get(join(p, sName))!;
  const label = (ds: (Group & Dataset) | null, name: string) => {
    if (!ds) return name;
    const ln = attr(ds, 'long_name');
    if (typeof ln === 'string') return ln;
    const u = attr(ds, 'units');
    return typeof u === 'string' && u ? `${name} (${u})` : name;
  };
  const axesAttr = attr(g, 'axes');
  const axesNames = (Array.isArray(axesAttr) ? axesAttr : typeof axesAttr === 'string' ? [axesAttr] : []).map(String);
  const axes = axesNames.map((a) => (a === '.' || !kids.includes(a) ? null : { path: join(p, a), label: label(get(join(p, a)), a) }));
  const aux = attr(g, 'auxiliary_signals');
  const auxiliary = (Array.isArray(aux) ? aux.map(String) : []).filter((a) => kids.includes(a)).map((a) => ({ path: join(p, a), label: label(get(join(p, a)), a) }));
  const interp = attr(signal, 'interpretation');
  const title = kids.includes('title') ? String(get(join(p, 'title'))?.value ?? '') : p;
  let logY = false;
  const style = attr(g, 'SILX_style');
  if (typeof style === 'string') {
    try {
      const st = JSON.parse(style) as { signal_scale_type?: string };
      logY = st.signal_scale_type === 'log';
    } catch {
      logY = false;
    }
  }
  return { nxdata: p, title, signal: { path: join(p, sName), label: label(signal, sName), shape: signal.shape ?? [] }, axes, auxiliary, interpretation: interp === 'image' || interp === 'spectrum' ? interp : '', logY };
}
