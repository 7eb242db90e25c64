// Live updates for the UI and the CLI: a document subscriber that batches events and publishes at most ~30
// times a second. Every scalar of every point is in some batch (columns, in order), so a live table or plot
// can hold every point; of arrays (spectra, images) only the newest per batch is sent, for display — the
// files get every one of them.
import type { Doc, EventValue } from '../../shared/documents.ts';
import type { LiveBatch, ScanStarted } from '../../shared/live.ts';

export interface LiveSink {
  started(s: ScanStarted): void;
  batch(b: LiveBatch): void;
}

const INTERVAL_MS = 33;

export class LiveBatcher {
  private readonly sink: LiveSink;
  private uid = '';
  private scalarKeys: string[] = [];
  private arrayKeys: string[] = [];
  private seq: number[] = [];
  private time: number[] = [];
  private columns: Record<string, number[]> = {};
  private latest: Record<string, EventValue> = {};
  private timer: NodeJS.Timeout | undefined;

  constructor(sink: LiveSink) {
    this.sink = sink;
  }

  readonly callback = (d: Doc): void => {
    switch (d.name) {
      case 'start':
        this.uid = d.doc.uid;
        this.pendingStart = d.doc;
        break;
      case 'descriptor': {
        const keys = Object.entries(d.doc.data_keys);
        this.scalarKeys = keys.filter(([, k]) => k.shape.length === 0).map(([n]) => n);
        this.arrayKeys = keys.filter(([, k]) => k.shape.length > 0).map(([n]) => n);
        this.reset();
        this.sink.started({ start: this.pendingStart!, dataKeys: d.doc.data_keys });
        break;
      }
      case 'event': {
        this.seq.push(d.doc.seq_num);
        this.time.push(d.doc.time);
        for (const k of this.scalarKeys) this.columns[k]!.push(d.doc.data[k] as number);
        for (const k of this.arrayKeys) this.latest[k] = d.doc.data[k]!;
        this.timer ??= setTimeout(() => this.flush(), INTERVAL_MS);
        break;
      }
      case 'stop':
        this.flush();
        break;
    }
  };

  private pendingStart: Extract<Doc, { name: 'start' }>['doc'] | undefined;

  private reset(): void {
    this.seq = [];
    this.time = [];
    this.columns = Object.fromEntries(this.scalarKeys.map((k) => [k, []]));
    this.latest = {};
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.seq.length === 0) return;
    const b: LiveBatch = { uid: this.uid, seq: this.seq, time: this.time, columns: this.columns, latest: this.latest };
    this.reset();
    this.sink.batch(b);
  }
}
