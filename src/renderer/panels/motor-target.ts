// What a motor's setpoint box means: "5" goes to 5; "+1", "+=1" and "-=1" move relative to the setpoint (as
// SPEC's umvr); "-1" stays the absolute position -1 (a negative number is the common case at a beamline).
export type MotorTarget = { kind: 'absolute' | 'relative'; value: number } | { kind: 'invalid'; reason: string };

export function parseMotorTarget(text: string): MotorTarget {
  const t = text.trim();
  if (t === '') return { kind: 'invalid', reason: 'type a position, or +1 / -=1 for a relative move' };
  const rel = /^(\+=?|-=)\s*(.+)$/.exec(t);
  const num = rel ? rel[2]! : t;
  // Number('') is 0 and Number('0x10') is 16: accept only plain decimal notation.
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(num)) return { kind: 'invalid', reason: `"${t}" is not a number` };
  const value = Number(num);
  if (!rel) return { kind: 'absolute', value };
  return { kind: 'relative', value: rel[1] === '-=' ? -value : value };
}

/** The absolute position a target means for a motor at `from`. */
export function resolveTarget(target: MotorTarget, from: number): number | undefined {
  if (target.kind === 'invalid') return undefined;
  return target.kind === 'absolute' ? target.value : from + target.value;
}
