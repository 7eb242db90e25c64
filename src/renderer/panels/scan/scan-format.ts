// How the Scan panel writes numbers and durations (preview positions, live table, progress and report).

/** A value in at most 7 significant digits, in exponent form when very large or small; '' when not finite. */
export function fmt(v: number | undefined): string {
  if (v === undefined || !Number.isFinite(v)) return '';
  const a = Math.abs(v);
  return a !== 0 && (a >= 1e6 || a < 1e-3) ? v.toExponential(4) : Number(v.toPrecision(7)).toString();
}

/** A duration in seconds, or minutes and seconds from one minute on; '—' when unknown. */
export function seconds(s: number | null | undefined): string {
  if (s === null || s === undefined || !Number.isFinite(s)) return '—';
  if (s < 60) return `${s.toFixed(1)} s`;
  return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}
