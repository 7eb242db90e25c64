// Tick labels of the line plot: linear ticks carry only the digits their step needs (0.25, not 0.250000001);
// a log axis labels 1, 2 and 5 × 10^n only, unless that would leave fewer than three labels.
import type { Tick } from 'chart.js';
import { formatTick } from '../../../shared/plot-format.ts';

/** The spacing of regular ticks: the largest gap between neighbours (the bounds chart.js adds are closer). */
export function tickStep(ticks: Tick[]): number {
  let step = 0;
  for (let i = 1; i < ticks.length; i++) step = Math.max(step, Math.abs(ticks[i]!.value - ticks[i - 1]!.value));
  return step;
}

/** chart.js tick callback (its `this` is the scale). */
export function tickLabel(this: { type: string }, value: number | string, _i: number, ticks: Tick[]): string {
  const v = Number(value);
  if (this.type === 'logarithmic') {
    if (v <= 0) return '';
    const mantissa = (t: number) => Math.round(t / 10 ** Math.floor(Math.log10(t) + 1e-9));
    const major = (t: number) => [1, 2, 5].includes(mantissa(t));
    // Over less than a decade few ticks are 1, 2 or 5 × 10^n: then label them all.
    const few = ticks.filter((t) => t.value > 0 && major(t.value)).length < 3;
    return few || major(v) ? formatTick(v, v) : '';
  }
  return formatTick(v, tickStep(ticks));
}
