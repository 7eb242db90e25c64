// Every plan visits the positions a scientist expects: points include start and stop, relative plans are
// offset from where the motors are, grids run the first axis slowest, snake reverses the faster axes.
import { describe, expect, it } from 'vitest';
import { buildPlan, gridIndices, linspace, previewPlan } from '../../../src/main/acquisition/plans.ts';
import { ScanRequest, type ScanRequest as Req } from '../../../src/shared/scans.ts';

const at0 = () => 0;
const plan = (r: Req, here: (m: string) => number = at0) => buildPlan(ScanRequest.parse(r), here);
const positions = (r: Req, here?: (m: string) => number) => previewPlan(plan(r, here)).positions;

describe('plans', () => {
  it('counts points with start and stop included: 5 points from -1 to 1', () => {
    expect(linspace(-1, 1, 5)).toEqual([-1, -0.5, 0, 0.5, 1]);
    expect(positions({ type: 'line', motor: 'samx', start: -1, stop: 1, points: 5 })).toEqual([[-1], [-0.5], [0], [0.5], [1]]);
    expect(linspace(3, 7, 1)).toEqual([3]);
  });

  it('ends exactly on the stop value despite floating point', () => {
    const xs = linspace(0, 0.3, 4);
    expect(xs[3]).toBe(0.3);
  });

  it('offsets a relative line scan from the current position and names it rel_line_scan', () => {
    const p = plan({ type: 'line', motor: 'samx', start: -1, stop: 1, points: 3, relative: true }, () => 2);
    expect(previewPlan(p).positions).toEqual([[1], [2], [3]]);
    expect(p.name).toBe('rel_line_scan');
    expect(p.relative).toBe(true);
    expect(p.extent).toEqual({ samx: [1, 3] });
  });

  it('offsets every motor of relative multi, grid and list scans from where it is', () => {
    const here = (m: string) => ({ samx: 2, samy: -1 })[m] ?? 0;
    const multi = plan({ type: 'multi', axes: [{ motor: 'samx', start: -1, stop: 1 }, { motor: 'samy', start: 0, stop: 2 }], points: 3, relative: true }, here);
    expect(multi.name).toBe('rel_multi_scan');
    expect(previewPlan(multi).positions).toEqual([[1, -1], [2, 0], [3, 1]]);
    const grid = plan({ type: 'grid', snake: true, relative: true, axes: [{ motor: 'samx', start: 0, stop: 1, points: 2 }, { motor: 'samy', start: 0, stop: 1, points: 2 }] }, here);
    expect(previewPlan(grid).positions).toEqual([[2, -1], [2, 0], [3, 0], [3, -1]]);
    expect(grid.extent).toEqual({ samx: [2, 3], samy: [-1, 0] });
    const list = plan({ type: 'list', motors: ['samy', 'samx'], positions: [[0, 0], [0.5, -2]], relative: true }, here);
    expect(previewPlan(list).positions).toEqual([[-1, 2], [-0.5, 0]]);
    expect(list.relative).toBe(true);
  });

  it('moves several motors together in a multi scan (inner product)', () => {
    expect(positions({ type: 'multi', axes: [{ motor: 'samx', start: 0, stop: 1, }, { motor: 'samy', start: 10, stop: 8 }], points: 3 })).toEqual([
      [0, 10],
      [0.5, 9],
      [1, 8],
    ]);
  });

  it('runs a grid with the first axis slowest (outer product)', () => {
    expect(positions({ type: 'grid', axes: [{ motor: 'samx', start: 0, stop: 1, points: 2 }, { motor: 'samy', start: 0, stop: 2, points: 3 }] })).toEqual([
      [0, 0], [0, 1], [0, 2],
      [1, 0], [1, 1], [1, 2],
    ]);
  });

  it('snakes: every other row runs backwards', () => {
    expect(positions({ type: 'grid', snake: true, axes: [{ motor: 'samx', start: 0, stop: 2, points: 3 }, { motor: 'samy', start: 0, stop: 1, points: 2 }] })).toEqual([
      [0, 0], [0, 1],
      [1, 1], [1, 0],
      [2, 0], [2, 1],
    ]);
  });

  it('snakes in three dimensions without repeating or skipping a position, moving one axis at a time', () => {
    const sizes = [2, 3, 2];
    const seen = new Set<string>();
    let prev: number[] | undefined;
    for (let i = 0; i < 12; i++) {
      const idx = gridIndices(i, sizes, true);
      seen.add(idx.join(','));
      if (prev) expect(idx.reduce((d, v, k) => d + Math.abs(v - prev![k]!), 0)).toBe(1);
      prev = idx;
    }
    expect(seen.size).toBe(12);
  });

  it('visits the listed positions in order, and checks each row has one value per motor', () => {
    expect(positions({ type: 'list', motors: ['samx', 'samy'], positions: [[0, 1], [5, -1], [2, 2]] })).toEqual([[0, 1], [5, -1], [2, 2]]);
    expect(() => plan({ type: 'list', motors: ['samx', 'samy'], positions: [[0, 1], [5]] })).toThrow(/position 2 has 1 value\(s\) for 2 motor\(s\)/);
  });

  it('reports the extent of every motor for limit checks', () => {
    const p = plan({ type: 'grid', axes: [{ motor: 'samx', start: 3, stop: -3, points: 4 }, { motor: 'samy', start: 0, stop: 1, points: 2 }] });
    expect(p.extent).toEqual({ samx: [-3, 3], samy: [0, 1] });
  });

  it('refuses a grid with more points than a scan may have', () => {
    expect(() => plan({ type: 'grid', axes: [{ motor: 'samx', start: 0, stop: 1, points: 10_000 }, { motor: 'samy', start: 0, stop: 1, points: 10_000 }] })).toThrow(/100000000 points is more than/);
  });

  it('refuses the same motor twice', () => {
    expect(() => plan({ type: 'multi', axes: [{ motor: 'samx', start: 0, stop: 1 }, { motor: 'samx', start: 0, stop: 2 }], points: 2 })).toThrow(/each motor may appear once/);
  });

  it('refuses bad requests at the schema: no points, NaN, infinite, unknown type', () => {
    for (const bad of [
      { type: 'line', motor: 'samx', start: 0, stop: 1, points: 0 },
      { type: 'line', motor: 'samx', start: NaN, stop: 1, points: 3 },
      { type: 'line', motor: 'samx', start: 0, stop: Infinity, points: 3 },
      { type: 'line', motor: 'samx', start: 0, stop: 1, points: 2.5 },
      { type: 'count', points: 3, expTime: -1 },
      { type: 'spiral', points: 3 },
      { type: 'grid', axes: [{ motor: 'samx', start: 0, stop: 1, points: 2 }] },
    ]) {
      expect(ScanRequest.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it('writes a readable title', () => {
    expect(plan({ type: 'line', motor: 'samx', start: -1, stop: 1, points: 5, expTime: 0.1 }).title).toBe('line_scan samx -1 1 5 0.1');
    expect(plan({ type: 'count', points: 10, expTime: 0.5 }).title).toBe('count 10 0.5');
  });
});
