// The live table the CLI prints while a scan runs (like bluesky's LiveTable): one row per point, every point,
// written in chunks so a fast scan is not slowed by the terminal. On a TTY a progress line with the ETA stays
// under the table.
import type { Doc } from '../../shared/documents.ts';
import type { ScanState } from '../../shared/scans.ts';

const W = 12;
/** Rows written at once to a pipe or a file (~60 kB). */
const ROWS_PER_WRITE = 500;

function cell(v: unknown): string {
  let s: string;
  if (typeof v === 'number') s = Number.isInteger(v) && Math.abs(v) < 1e11 ? String(v) : Math.abs(v) >= 1e6 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(4) : v.toFixed(5);
  else if (v && typeof v === 'object' && 'length' in v) s = `[${(v as ArrayLike<number>).length}]`;
  else s = String(v);
  return s.length > W ? s.slice(0, W - 1) + '…' : s.padStart(W);
}

function clock(t: number): string {
  const d = new Date(t * 1000);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}:${String(d.getSeconds()).padStart(2, '0')}.${String(d.getMilliseconds()).padStart(3, '0').slice(0, 1)}`;
}

function bar(s: ScanState): string {
  const elapsed = `${s.elapsed.toFixed(1)} s`;
  if (s.total === null) return `${s.done} points, ${elapsed}`;
  const width = 30;
  const f = s.total > 0 ? s.done / s.total : 0;
  const full = Math.round(f * width);
  const eta = s.eta === null ? '?' : `${s.eta.toFixed(1)} s`;
  return `[${'#'.repeat(full)}${'.'.repeat(width - full)}] ${s.done}/${s.total}  ${(100 * f).toFixed(0)}%  elapsed ${elapsed}  ETA ${eta}`;
}

export class LiveTable {
  private columns: string[] = [];
  /** The data columns (all but seq_num and time), in the descriptor's order. */
  private dataColumns: string[] = [];
  /**
   * The last time cell and the tenth of a second it shows: at full speed thousands of points fall in one tenth,
   * and building a Date and its text per point is a good part of the table's cost.
   */
  private clockCell = { tenth: NaN, text: '' };
  private buffer: string[] = [];
  private timer: NodeJS.Timeout | undefined;
  /** On a TTY the progress line also ticks between points, so elapsed and ETA move during long exposures. */
  private ticker: NodeJS.Timeout | undefined;
  private progressShown = false;
  private readonly write: (s: string) => void;
  private readonly tty: boolean;
  private readonly state: () => ScanState;

  constructor(write: (s: string) => void, tty: boolean, state: () => ScanState) {
    this.write = write;
    this.tty = tty;
    this.state = state;
  }

  private rule(): string {
    return '+' + this.columns.map(() => '-'.repeat(W + 2)).join('+') + '+';
  }

  readonly callback = (d: Doc): void => {
    switch (d.name) {
      case 'start':
        this.buffer.push(`\nScan ${d.doc.scan_number}   ${d.doc.title}   ${new Date(d.doc.time * 1000).toLocaleString()}\nuid ${d.doc.uid}\n`);
        break;
      case 'descriptor': {
        this.dataColumns = Object.keys(d.doc.data_keys);
        this.columns = ['seq_num', 'time', ...this.dataColumns];
        this.buffer.push(this.rule(), '| ' + this.columns.map((c) => c.slice(0, W).padStart(W)).join(' | ') + ' |', this.rule());
        this.schedule();
        if (this.tty && !this.ticker) {
          this.ticker = setInterval(() => this.timer ?? this.flush(false), 500);
          this.ticker.unref();
        }
        break;
      }
      case 'event': {
        // One string built in place (no row array): a 20,000-point scan prints 20,000 rows.
        const data = d.doc.data;
        let row = '| ' + cell(d.doc.seq_num) + ' | ' + this.clockText(d.doc.time);
        for (const c of this.dataColumns) {
          const v: unknown = data[c]; // a string (from a device outside the types) is printed as it is
          row += ' | ' + (typeof v === 'string' ? v.padStart(W) : cell(v));
        }
        this.buffer.push(row + ' |');
        // Into a pipe or a file, written every ROWS_PER_WRITE rows too: rows kept for up to 50 ms at full speed
        // (thousands) outlive the young generation and cost the garbage collector more than the extra writes.
        if (!this.tty && this.buffer.length >= ROWS_PER_WRITE) this.flush(false);
        else this.schedule();
        break;
      }
      case 'stop':
        clearInterval(this.ticker);
        this.ticker = undefined;
        this.buffer.push(this.rule(), `exit_status ${d.doc.exit_status}${d.doc.reason ? ` (${d.doc.reason})` : ''}, ${d.doc.num_events} point(s)`);
        this.flush(true);
        break;
    }
  };

  /** clock(t) padded to the column, reused while t stays in the same tenth of a second (what clock shows). */
  private clockText(t: number): string {
    const tenth = Math.floor(Math.trunc(t * 1000) / 100);
    if (tenth !== this.clockCell.tenth) this.clockCell = { tenth, text: clock(t).padStart(W) };
    return this.clockCell.text;
  }

  private schedule(): void {
    this.timer ??= setTimeout(() => this.flush(false), 50);
  }

  flush(final: boolean): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    let out = '';
    if (this.progressShown) out += '\r\x1b[K';
    if (this.buffer.length) out += this.buffer.join('\n') + '\n';
    this.buffer = [];
    this.progressShown = false;
    if (this.tty && !final) {
      out += bar(this.state());
      this.progressShown = true;
    }
    if (out) this.write(out);
  }
}
