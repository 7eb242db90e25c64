// The Browser's export row for a numeric dataset: the export folder (the base path in effect unless the user typed
// another), the CSV file name (1-D data; it starts from where the dataset is, so two datasets named "data" in
// different entries differ), Export CSV, Export NPY (the frame of an N-D stack the sliders show), and PNG of the view.
import { useState } from 'react';
import type { NodeInfo, OpenFile } from '../../../shared/browse.ts';
import { inFolder, useBrowserExport } from '../../hooks/use-browser-data.ts';
import { downloadPlotPng } from './download-png.ts';

interface ExportBlockProps {
  file: OpenFile;
  info: NodeInfo;
  folder: string;
  onFolder: (folder: string) => void;
  /** The index of each leading dimension of an N-D stack: the frame shown. */
  frame: number[];
}

const CSV_NAME = /^[^\\/]+\.csv$/i;

export function ExportBlock({ file, info, folder, onFolder, frame }: ExportBlockProps) {
  const [csvName, setCsvName] = useState(() => `${info.path.split('/').filter(Boolean).join('_') || 'data'}.csv`);
  const exporter = useBrowserExport(file);
  const shape = info.shape ?? [];
  const oneD = shape.length === 1;
  // NPY of a stack: the frame the image shows (the sliders' index of each leading dimension), as docs/browser.md says.
  const npyRanges = shape.length > 2 ? [...shape.slice(0, -2).map((_, k) => [frame[k] ?? 0, (frame[k] ?? 0) + 1] as [number, number]), null, null] : [];
  return (
    <div className="row export-row">
      <input aria-label="export folder" value={folder} onChange={(e) => onFolder(e.target.value)} />
      {oneD && <input aria-label="export file name" className="export-name" value={csvName} onChange={(e) => setCsvName(e.target.value)} title="Name of the CSV file in the export folder" />}
      {oneD && (
        <button
          disabled={!CSV_NAME.test(csvName)}
          title={CSV_NAME.test(csvName) ? `Write ${csvName} in ${folder}` : 'Give a file name ending in .csv'}
          onClick={() => exporter.write([info.path], [null], 'csv', inFolder(folder, csvName))}
        >
          Export CSV
        </button>
      )}
      <button onClick={() => exporter.write([info.path], npyRanges, 'npy', inFolder(folder, `${info.name}.npy`))}>Export NPY</button>
      <button onClick={() => downloadPlotPng(info.name)}>PNG</button>
      {exporter.message && (
        <span className="muted" data-testid="browser-message">
          {exporter.message}
        </span>
      )}
    </div>
  );
}
