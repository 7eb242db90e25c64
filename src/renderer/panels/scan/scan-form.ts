// The Scan panel's form state and how it becomes a ScanRequest. Kept apart from the React code so the
// validation that marks fields before sending is plain and testable.
import { MAX_EXP_TIME, MAX_POINTS, type ScanRequest } from '../../../shared/scans.ts';

export type ScanType = 'count' | 'timescan' | 'line' | 'multi' | 'grid' | 'list';

export interface AxisForm {
  motor: string;
  start: string;
  stop: string;
  points: string;
}

export interface ScanForm {
  type: ScanType;
  axes: AxisForm[];
  points: string;
  expTime: string;
  relative: boolean;
  snake: boolean;
  detectors: string[];
  listMotors: string;
  listTable: string;
  sample: string;
  comment: string;
  /** Free key/value metadata; a key may carry units as "key@units". */
  extra: { key: string; value: string }[];
}

export const DEFAULT_FORM: ScanForm = {
  type: 'line',
  axes: [
    { motor: 'samx', start: '-1', stop: '1', points: '11' },
    { motor: 'samy', start: '-1', stop: '1', points: '11' },
  ],
  points: '11',
  expTime: '0.1',
  relative: false,
  snake: false,
  detectors: ['det', 'diode1', 'monitor'],
  listMotors: 'samx',
  listTable: '0\n0.5\n1',
  sample: '',
  comment: '',
  extra: [],
};

export type FieldErrors = Record<string, string>;

const isNum = (s: string) => s.trim() !== '' && Number.isFinite(Number(s));
const isCount = (s: string) => isNum(s) && Number.isInteger(Number(s)) && Number(s) >= 1;

/** What the form knows of a motor to check a scan against it before sending. */
export interface MotorLimits {
  limits: [number, number];
  /** Where the motor is now (relative scans are checked from here). */
  position: number;
}

/** Which fields are wrong and why; empty when the form can be sent. Motors' limits are checked when given, so an
 * out-of-range start is marked red at once instead of failing after Start. */
export function validate(f: ScanForm, motors?: ReadonlyMap<string, MotorLimits>): FieldErrors {
  const e: FieldErrors = {};
  if (!isNum(f.expTime) || Number(f.expTime) <= 0) e.expTime = 'a number of seconds > 0';
  else if (Number(f.expTime) > MAX_EXP_TIME) e.expTime = `at most ${MAX_EXP_TIME} s`;
  const axes = f.type === 'line' ? f.axes.slice(0, 1) : f.type === 'multi' || f.type === 'grid' ? f.axes : [];
  const linePoints = Number(f.points);
  axes.forEach((a, i) => {
    if (!a.motor) e[`axis${i}.motor`] = 'choose a motor';
    if (!isNum(a.start)) e[`axis${i}.start`] = 'a number';
    if (!isNum(a.stop)) e[`axis${i}.stop`] = 'a number';
    if (f.type === 'grid' && !isCount(a.points)) e[`axis${i}.points`] = 'a whole number ≥ 1';
    else if (f.type === 'grid' && Number(a.points) > MAX_POINTS) e[`axis${i}.points`] = `at most ${MAX_POINTS.toLocaleString('en')}`;
    const points = f.type === 'grid' ? Number(a.points) : linePoints;
    // Equal ends with several points would measure one place many times: that is a Count.
    if (isNum(a.start) && isNum(a.stop) && Number(a.start) === Number(a.stop) && points > 1) e[`axis${i}.stop`] = 'equal to start: use Count to repeat one position';
    const m = motors?.get(a.motor);
    if (m) {
      const base = f.relative ? m.position : 0;
      const [lo, hi] = m.limits;
      for (const end of ['start', 'stop'] as const) {
        const v = Number(a[end]) + base;
        if (isNum(a[end]) && (v < lo || v > hi)) e[`axis${i}.${end}`] = `${f.relative ? `${Number(v.toPrecision(6))} is ` : ''}outside the limits [${lo}, ${hi}]`;
      }
    }
  });
  if (new Set(axes.map((a) => a.motor)).size !== axes.length) e.axes = 'each motor once';
  if ((f.type === 'count' || f.type === 'line' || f.type === 'multi') && !isCount(f.points)) e.points = 'a whole number ≥ 1';
  if (f.type === 'timescan' && f.points.trim() !== '' && !isCount(f.points)) e.points = 'empty (until stopped) or a whole number ≥ 1';
  if (f.type !== 'grid' && f.type !== 'list' && isCount(f.points) && linePoints > MAX_POINTS) e.points = `at most ${MAX_POINTS.toLocaleString('en')} points`;
  if (f.type === 'grid' && axes.every((a) => isCount(a.points))) {
    const total = axes.reduce((n, a) => n * Number(a.points), 1);
    if (total > MAX_POINTS) e.gridTotal = `${total.toLocaleString('en')} points in all: at most ${MAX_POINTS.toLocaleString('en')}`;
  }
  if (f.type === 'list') {
    const motors = f.listMotors.split(',').map((m) => m.trim()).filter(Boolean);
    if (motors.length === 0) e.listMotors = 'one or more motors, comma-separated';
    const rows = parseTable(f.listTable);
    if (rows.length === 0) e.listTable = 'one point per line';
    else if (rows.some((r) => r.length !== motors.length || r.some((v) => !Number.isFinite(v)))) e.listTable = `each line needs ${motors.length} number(s)`;
  }
  // The backend takes a scan with no detector (positions and times only: CLI and scripts), but in the form,
  // unticking them all is almost always a slip, so Start waits for one (docs/decisions.md).
  if (f.detectors.length === 0) e.detectors = 'choose at least one detector';
  f.extra.forEach((kv, i) => {
    if (kv.key && !/^[A-Za-z_][A-Za-z0-9_]*(@[A-Za-z_]+)?$/.test(kv.key)) e[`extra${i}`] = 'an identifier, optionally with @units';
  });
  return e;
}

/** One sentence for Start's tooltip: the first thing to fix. */
export function firstProblem(e: FieldErrors): string | undefined {
  const [key, msg] = Object.entries(e)[0] ?? [];
  if (!key) return undefined;
  const field = key.replace(/^axis(\d+)\./, (_, i: string) => `motor ${Number(i) + 1} `).replace('expTime', 'exposure').replace('gridTotal', 'grid').replace('listTable', 'positions').replace('listMotors', 'motors');
  return `Fix ${field}: ${msg}`;
}

export function parseTable(text: string): number[][] {
  return text
    .split(/\r?\n/)
    .map((l) => l.replace(/#.*/, '').trim())
    .filter(Boolean)
    .map((l) => l.split(/[\s,;]+/).map(Number));
}

function metadata(f: ScanForm): Record<string, unknown> | undefined {
  const md: Record<string, unknown> = {};
  if (f.sample.trim()) md.sample = { name: f.sample.trim() };
  if (f.comment.trim()) md.comment = f.comment.trim();
  for (const { key, value } of f.extra) {
    if (!key) continue;
    const n = Number(value);
    md[key] = value.trim() !== '' && Number.isFinite(n) ? n : value;
  }
  return Object.keys(md).length ? md : undefined;
}

/** The request the form describes (call validate first). */
export function toRequest(f: ScanForm): ScanRequest {
  const common = { expTime: Number(f.expTime), detectors: f.detectors, md: metadata(f) };
  const axis = (a: AxisForm) => ({ motor: a.motor, start: Number(a.start), stop: Number(a.stop) });
  switch (f.type) {
    case 'count':
      return { type: 'count', points: Number(f.points), ...common };
    case 'timescan':
      return { type: 'timescan', ...(f.points.trim() ? { points: Number(f.points) } : {}), ...common };
    case 'line':
      return { type: 'line', ...axis(f.axes[0]!), points: Number(f.points), relative: f.relative, ...common };
    case 'multi':
      return { type: 'multi', axes: f.axes.map(axis), points: Number(f.points), relative: f.relative, ...common };
    case 'grid':
      return { type: 'grid', axes: f.axes.map((a) => ({ ...axis(a), points: Number(a.points) })), snake: f.snake, relative: f.relative, ...common };
    case 'list':
      return { type: 'list', motors: f.listMotors.split(',').map((m) => m.trim()).filter(Boolean), positions: parseTable(f.listTable), relative: f.relative, ...common };
  }
}
