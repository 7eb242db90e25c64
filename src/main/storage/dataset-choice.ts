// Which dataset file scans go to: one file per day (Dataset_<date>_<NNN>.h5 in the day's folder) until "New
// dataset", remembered in the data folder (dataset.json) so the app and `daq scan` commands of a day share it.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from '../atomic-file.ts';
import { datasetFile, dayFolder, lastDatasetNumber, ymd } from './file-names.ts';

export class DatasetChoice {
  private readonly stateFile: string;
  private readonly basePath: () => string;

  constructor(dataDir: string, basePath: () => string) {
    this.stateFile = join(dataDir, 'dataset.json');
    this.basePath = basePath;
  }

  /** The dataset file the next scan goes to (it may not exist yet). */
  current(): string {
    const base = this.basePath();
    const today = new Date();
    try {
      const saved = (JSON.parse(readFileSync(this.stateFile, 'utf8')) as { file?: string }).file;
      if (saved && dirname(saved) === dayFolder(base, today) && saved.includes(`_${ymd(today)}_`)) return saved;
    } catch {
      // none yet, or unreadable: start a new one below
    }
    const file = datasetFile(base, today, lastDatasetNumber(base, today) + 1);
    this.remember(file);
    return file;
  }

  /** "New dataset": the next scan starts the next NNN file of today. */
  next(): string {
    const base = this.basePath();
    const today = new Date();
    const current = this.current();
    const n = Math.max(lastDatasetNumber(base, today), Number(/_(\d+)\.h5$/.exec(current)?.[1] ?? 0)) + 1;
    const file = datasetFile(base, today, n);
    this.remember(file);
    return file;
  }

  private remember(file: string): void {
    try {
      writeFileAtomic(this.stateFile, JSON.stringify({ file }));
    } catch {
      // the data dir is reported elsewhere; the dataset still works for this process
    }
  }
}
