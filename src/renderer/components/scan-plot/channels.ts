// Which channels a scan plot shows and how its axes are labelled: the detector channels (every column but the
// motors), the chosen ones (the first channel when none is chosen), an optional monitor to divide by.

export interface ChannelChoice {
  /** Every channel that can be plotted. */
  channels: string[];
  /** The plotted channels. */
  ys: string[];
  /** The monitor channel, '' for none. */
  mon: string;
  /** The x motor (the first), undefined for a count (plotted against the point number). */
  xKey: string | undefined;
}

export function chooseChannels(columns: Record<string, number[]>, motors: string[], chosen: string[], monitor: string): ChannelChoice {
  const channels = Object.keys(columns).filter((k) => !motors.includes(k));
  const ys = chosen.filter((k) => channels.includes(k));
  if (ys.length === 0 && channels.length > 0) ys.push(channels[0]!);
  return { channels, ys, mon: channels.includes(monitor) ? monitor : '', xKey: motors[0] };
}

/** Axis titles: "det / mon", "det (counts)", "channels"; "samx (mm)" or "point". */
export function axisLabels({ ys, mon, xKey }: ChannelChoice, unit: (k: string) => string): { xLabel: string; yLabel: string } {
  const yLabel = ys.length === 1 ? `${ys[0]}${mon ? ` / ${mon}` : ''}${!mon && unit(ys[0]!) ? ` (${unit(ys[0]!)})` : ''}` : mon ? `channel / ${mon}` : 'channels';
  const xLabel = xKey ? `${xKey}${unit(xKey) ? ` (${unit(xKey)})` : ''}` : 'point';
  return { xLabel, yLabel };
}

/** y / monitor point by point (NaN where the monitor is zero). */
export function normalise(y: number[], monitor: number[] | undefined): number[] {
  if (!monitor) return y;
  const n = Math.min(y.length, monitor.length);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = monitor[i] !== 0 ? y[i]! / monitor[i]! : NaN;
  return out;
}
