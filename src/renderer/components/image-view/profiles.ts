// The profiles plotted under an image: along the drawn line (Line tool) or the row and column through the
// clicked pixel (Cross tool).
import { crossProfiles, lineProfile, type Pixels } from '../image-math.ts';
import type { Series } from '../line-plot/types.ts';

/** The mouse tool of the image view. */
export type Tool = 'pan' | 'roi' | 'line' | 'cross';
export type ProfileLine = [number, number, number, number];
export type CrossPoint = [number, number];

/** The series to plot for the active tool; none when that tool has nothing drawn yet. */
export function profileSeries(tool: Tool, line: ProfileLine | undefined, cross: CrossPoint | undefined, data: Pixels, width: number, height: number): Series[] {
  if (tool === 'line' && line) {
    const p = lineProfile(data, width, height, line[0], line[1], line[2], line[3]);
    return [{ label: 'line profile', x: p.d, y: p.v }];
  }
  if (tool === 'cross' && cross) {
    const p = crossProfiles(data, width, height, cross[0], cross[1]);
    return [
      { label: `row y=${cross[1]}`, x: p.row.map((_, i) => i), y: p.row },
      { label: `column x=${cross[0]}`, x: p.column.map((_, i) => i), y: p.column },
    ];
  }
  return [];
}
