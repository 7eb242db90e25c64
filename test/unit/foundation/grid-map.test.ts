// The History draws a 2-motor grid scan as the same map the file's plotselect/ holds: rows slowest motor first,
// a snake's backward rows put back in order, unmeasured cells NaN; other scans (and huge grids) are no map.
import { describe, expect, it } from 'vitest';
import { gridAxes, gridMap, MAX_HISTORY_MAP_CELLS } from '../../../src/shared/grid-map.ts';

const axes = [{ motor: 'samy', start: 0, stop: 1, points: 2 }, { motor: 'samx', start: 0, stop: 1, points: 3 }];

describe('grid maps', () => {
  it('put a snake grid back in order, with NaN where no point was measured yet', () => {
    const m = gridMap('grid_scan', { axes, snake: true }, [1, 2, 3, 4, 5])!;
    expect(m).toMatchObject({ slow: 'samy', fast: 'samx', rows: 2, cols: 3 });
    expect(Array.from(m.data)).toEqual([1, 2, 3, NaN, 5, 4]);
    expect(Array.from(gridMap('rel_grid_scan', { axes, snake: false }, [1, 2, 3, 4, 5, 6])!.data)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('are only made for 2-motor grids small enough to draw', () => {
    expect(gridMap('line_scan', { axes }, [1])).toBeUndefined();
    expect(gridMap('grid_scan', { axes: [...axes, { motor: 'samz', start: 0, stop: 1, points: 2 }] }, [1])).toBeUndefined();
    expect(gridMap('grid_scan', { axes: [{ motor: 'a', points: MAX_HISTORY_MAP_CELLS }, { motor: 'b', points: 2 }] }, [1])).toBeUndefined();
  });

  it("give the map's axes in motor positions: a relative grid is shifted to where its motors started", () => {
    expect(gridAxes('grid_scan', { axes }, { samy: [0, 0, 0], samx: [0, 0.5, 1] })).toEqual([
      { motor: 'samy', start: 0, stop: 1 },
      { motor: 'samx', start: 0, stop: 1 },
    ]);
    // rel: the plan says -0.5…0.5 around the start; the motors were at 2 (samy) and -3 (samx).
    const rel = [{ motor: 'samy', start: -0.5, stop: 0.5, points: 2 }, { motor: 'samx', start: -1, stop: 1, points: 3 }];
    expect(gridAxes('rel_grid_scan', { axes: rel }, { samy: [1.5, 1.5, 1.5], samx: [-4, -3, -2] })).toEqual([
      { motor: 'samy', start: 1.5, stop: 2.5 },
      { motor: 'samx', start: -4, stop: -2 },
    ]);
    expect(gridAxes('line_scan', { axes }, {})).toBeUndefined();
    expect(gridAxes('grid_scan', { axes: [{ motor: 'a', start: 'x', stop: 1 }, axes[1]] }, {})).toBeUndefined();
  });
});
