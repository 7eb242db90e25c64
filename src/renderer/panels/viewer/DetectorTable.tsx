// The Viewer's detector table: exposure and Grab / Snap / Stop for each detector; a click picks the live one.
import type { DetectorInfo } from '../../../shared/api.ts';
import type { ViewerControls } from '../../hooks/use-viewer.ts';
import { DetectorRow } from './DetectorRow.tsx';

export function DetectorTable({ detectors, selected, viewer, onSelect }: { detectors: DetectorInfo[]; selected: string; viewer: ViewerControls; onSelect: (name: string) => void }) {
  return (
    <table className="grid compact" data-testid="detector-table">
      <thead>
        <tr>
          <th>name</th>
          <th>exposure (s)</th>
          <th />
          <th>kind</th>
        </tr>
      </thead>
      <tbody>
        {detectors.map((d) => (
          <DetectorRow key={d.name} det={d} selected={d.name === selected} viewer={viewer} onSelect={() => onSelect(d.name)} />
        ))}
      </tbody>
    </table>
  );
}
