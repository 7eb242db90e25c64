// What goes into a scan's file after the scan: the settings it ran with (request, saving, panels, as JSON) and
// the plot screenshots the UI sends (PNG, numbered per scan). Both are written by the scan file's writer.
import { DaqError } from '../../shared/errors.ts';
import type { ParsedScanRequest, ScanReport } from '../../shared/scans.ts';
import type { Log } from '../event-bus.ts';
import type { SettingsStore } from '../settings.ts';
import type { NexusWriter } from './nexus-writer.ts';

export class ScanAttachments {
  /** Screenshots stored per scan uid: the next one is plot_<n+1>. */
  private readonly screenshots = new Map<string, number>();

  private readonly writer: NexusWriter | undefined;
  private readonly settings: SettingsStore;
  private readonly instrumentFile: string;
  private readonly log: Log;

  constructor(writer: NexusWriter | undefined, settings: SettingsStore, instrumentFile: string, log: Log) {
    this.writer = writer;
    this.settings = settings;
    this.instrumentFile = instrumentFile;
    this.log = log;
  }

  private requireWriter(): NexusWriter {
    if (!this.writer) throw new DaqError('UNAVAILABLE', 'This session does not save files (started with saving off).');
    return this.writer;
  }

  /** The dataset keeps the settings the scan ran with (scan request, saving, panels), as JSON; a failure is logged. */
  async attachSettings(report: ScanReport, req: ParsedScanRequest): Promise<void> {
    if (!this.writer || !report.file) return;
    const settings = JSON.stringify({ request: req, settings: this.settings.get(), instrument_file: this.instrumentFile }, null, 1);
    await this.writer.attach(report.file, `${report.entry}/daq_settings`, settings, { format: 'json', description: 'DAQ Studio settings of this scan' }).catch((err: unknown) => {
      this.log('warn', `Could not store the settings in ${report.file}: ${(err as Error).message}`);
    });
  }

  /** Where each scan's end-of-scan plot went: several windows following one scan each send theirs; one is kept. */
  private readonly endOfScan = new Map<string, Promise<{ file: string; path: string }>>();

  /**
   * Stores a PNG of a scan plot in the file of a scan this session wrote. `endOfScan`: the plot every window takes
   * when the scan ends (Settings: scan.screenshotOnEnd); only the first one is stored, the others get its place.
   */
  async attachScreenshot(uid: string, png: Uint8Array, endOfScan = false): Promise<{ file: string; path: string }> {
    const writer = this.requireWriter();
    const w = writer.written.get(uid);
    if (!w) throw new DaqError('NOT_FOUND', `No scan ${uid} was written by this session; screenshots go into the file of a scan that just ran.`);
    if (png.byteLength < 8 || png[0] !== 0x89 || png[1] !== 0x50 || png[2] !== 0x4e || png[3] !== 0x47) throw new DaqError('BAD_ARGUMENTS', 'The screenshot is not a PNG image.');
    if (endOfScan) {
      const first = this.endOfScan.get(uid);
      if (first) return first;
      const stored = this.store(writer, w, uid, png);
      this.endOfScan.set(uid, stored);
      // A failed write leaves room for the next window's plot.
      stored.catch(() => this.endOfScan.delete(uid));
      return stored;
    }
    return this.store(writer, w, uid, png);
  }

  private async store(writer: NexusWriter, w: { file: string; entry: string }, uid: string, png: Uint8Array): Promise<{ file: string; path: string }> {
    const existing = (this.screenshots.get(uid) ?? 0) + 1;
    this.screenshots.set(uid, existing);
    const path = `${w.entry}/screenshots/plot_${existing}`;
    await writer.attach(w.file, path, png, { mime_type: 'image/png', description: 'The scan plot as shown in DAQ Studio when the scan ended.' });
    return { file: w.file, path };
  }
}
