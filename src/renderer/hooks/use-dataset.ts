// The dataset file the next scans go into (PyMoDAQ's DAQ_Scan: one file holds many scans), and "New dataset",
// which moves the following scans to the next file Dataset_<date>_<NNN+1>.h5.
import { useCallback, useEffect, useState } from 'react';
import { getBridge } from '../bridge.ts';
import { useReportError } from '../errors.tsx';

export interface Dataset {
  /** The file's path ('' until known, or when the backend cannot say). */
  file: string;
  newDataset(): void;
}

export function useDataset(): Dataset {
  const report = useReportError();
  const [file, setFile] = useState('');
  useEffect(() => {
    getBridge()
      .api.getDataset()
      .then((d) => setFile(d.file), () => setFile(''));
  }, []);
  const newDataset = useCallback(() => {
    getBridge()
      .api.newDataset()
      .then((d) => setFile(d.file), report);
  }, [report]);
  return { file, newDataset };
}
