// Which dataset file the next scans go into, and "New dataset" (refused while a scan writes to the current one).
import { useDataset } from '../../hooks/use-dataset.ts';

export function DatasetBar({ running }: { running: boolean }) {
  const { file, newDataset } = useDataset();
  return (
    <div className="dataset-bar">
      <span>
        Dataset: <span className="mono" data-testid="dataset-file" title={file}>{file.split(/[\\/]/).pop() || '—'}</span>
      </span>
      <button disabled={running} onClick={newDataset} title="The next scans go into a new file Dataset_<date>_<NNN+1>.h5">
        New dataset
      </button>
    </div>
  );
}
