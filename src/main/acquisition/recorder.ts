// Keeps the scalar data of the scans run in this session in memory (the last 50), so a script can read back
// what it just measured even when nothing was saved to disk. Stored scans of earlier sessions are read from
// their files by the history.
import type { Doc, StartDoc, StopDoc } from '../../shared/documents.ts';

export interface RecordedScan {
  start: StartDoc;
  stop: StopDoc | undefined;
  /** Per data key: one value and one timestamp per point (scalars only). */
  columns: Map<string, { value: number[]; timestamp: number[] }>;
  /** Shapes of array keys, which are not kept in memory. */
  arrays: Map<string, number[]>;
}

const KEEP = 50;

export class SessionRecorder {
  readonly scans: RecordedScan[] = [];
  private current: RecordedScan | undefined;

  readonly callback = (d: Doc): void => {
    switch (d.name) {
      case 'start':
        this.current = { start: d.doc, stop: undefined, columns: new Map(), arrays: new Map() };
        this.scans.push(this.current);
        if (this.scans.length > KEEP) this.scans.shift();
        break;
      case 'descriptor':
        for (const [k, key] of Object.entries(d.doc.data_keys)) {
          if (key.shape.length === 0) this.current?.columns.set(k, { value: [], timestamp: [] });
          else this.current?.arrays.set(k, key.shape);
        }
        break;
      case 'event':
        for (const [k, col] of this.current?.columns ?? []) {
          col.value.push(d.doc.data[k] as number);
          col.timestamp.push(d.doc.timestamps[k] ?? d.doc.time);
        }
        break;
      case 'stop':
        if (this.current) this.current.stop = d.doc;
        this.current = undefined;
        break;
    }
  };
}
