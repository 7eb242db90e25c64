// One 1-D dataset as a line (a min/max envelope when it is huge; zooming reads the finer range), with the pinned
// datasets to compare with, on one index axis, and a log scale box.
import { useState } from 'react';
import type { OpenFile } from '../../../shared/browse.ts';
import { LinePlot } from '../../components/LinePlot.tsx';
import { useLineSeries } from '../../hooks/use-browser-data.ts';
import type { Pinned } from '../../hooks/use-browser-node.ts';

interface LineViewProps {
  file: OpenFile;
  path: string;
  length: number;
  label: string;
  pinned: Pinned[];
}

export function LineView({ file, path, length, label, pinned }: LineViewProps) {
  const [range, setRange] = useState<[number, number] | undefined>();
  const [logY, setLogY] = useState(false);
  const series = useLineSeries(file, path, length, label, range, pinned);
  return (
    <div>
      <label>
        <input type="checkbox" checked={logY} onChange={(e) => setLogY(e.target.checked)} aria-label="log y" /> log scale
      </label>
      <LinePlot series={series} xLabel="index" yLabel={label} logY={logY} height={300} testId="browser-line" onZoom={setRange} />
    </div>
  );
}
