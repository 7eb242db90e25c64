// Plot numbers a person can read: tick labels for tiny, huge and ordinary ranges, the planned x range of a scan
// from its start document (absolute and relative), and the CSV a plot exports.
import { describe, expect, it } from 'vitest';
import { formatTick, formatValue, niceTicks, plannedXRange, seriesToCsv } from '../../../src/shared/plot-format.ts';

describe('tick labels', () => {
  it('writes tiny values in short exponent form, not 20 digits', () => {
    expect(formatTick(4.007966335668056e-29, 2e-31)).toBe('4.008e-29');
    expect(formatTick(4.1e-29, 1e-30)).toBe('4.1e-29');
    expect(formatTick(2e-31, 1e-31)).toBe('2e-31');
  });
  it('uses the decimals the step needs for ordinary ranges, and 0 for rounding noise', () => {
    expect(formatTick(-0.5, 0.5)).toBe('-0.5');
    expect(formatTick(0.25, 0.05)).toBe('0.25');
    expect(formatTick(1000, 200)).toBe('1000');
    expect(formatTick(2.7e-17, 0.1)).toBe('0');
    expect(formatTick(1.5e6, 5e5)).toBe('1.5e+6');
  });
  it('places nice ticks at 1, 2, 5 × 10^n', () => {
    expect(niceTicks(-1, 1, 4)).toEqual({ ticks: [-1, -0.5, 0, 0.5, 1], step: 0.5 });
    expect(niceTicks(0, 1023, 5).ticks).toEqual([0, 200, 400, 600, 800, 1000]);
  });
  it('formats readouts with six significant digits', () => {
    expect(formatValue(0.123456789)).toBe('0.123457');
    expect(formatValue(4.00796633566805e-29)).toBe('4.008e-29');
    expect(formatValue(undefined)).toBe('—');
  });
});

describe('planned x range', () => {
  it('is start…stop of a line scan in either direction', () => {
    expect(plannedXRange('line_scan', { motor: 'samx', start: -1, stop: 1, points: 21 }, undefined)).toEqual([-1, 1]);
    expect(plannedXRange('line_scan', { motor: 'samx', start: 3, stop: -2, points: 5 }, 3)).toEqual([-2, 3]);
  });
  it('follows the first motor of a multi-motor scan, and is offset by where a relative scan began', () => {
    expect(plannedXRange('multi_scan', { axes: [{ motor: 'samx', start: 0, stop: 4 }, { motor: 'samy', start: 9, stop: 1 }], points: 5 }, 0)).toEqual([0, 4]);
    expect(plannedXRange('rel_line_scan', { motor: 'samx', start: -1, stop: 1, relative: true }, 9)).toEqual([9, 11]);
    expect(plannedXRange('rel_line_scan', { motor: 'samx', start: -1, stop: 1, relative: true }, undefined)).toBeUndefined();
  });
  it('is unknown for counts, time scans and lists', () => {
    expect(plannedXRange('count', { num: 5 }, undefined)).toBeUndefined();
    expect(plannedXRange('list_scan', { motors: ['samx'], positions: [[1], [2]] }, 1)).toBeUndefined();
  });
});

describe('plot CSV', () => {
  it('shares one x column between series with the same x', () => {
    const x = [0, 0.5, 1];
    expect(seriesToCsv([{ label: 'det', x, y: [1, 2, 3] }, { label: 'mon', x, y: [4, 5, NaN] }], 'samx (mm)')).toBe('samx (mm),det,mon\n0,1,4\n0.5,2,5\n1,3,\n');
  });
  it('writes x/y pairs when the series differ in x, quoting labels with commas', () => {
    expect(seriesToCsv([{ label: 'a,b', x: [0], y: [1] }, { label: 'c', x: [5, 6], y: [7, 8] }], 'x')).toBe('"x (a,b)","a,b",x (c),c\n0,1,5,7\n,,6,8\n');
  });
});
