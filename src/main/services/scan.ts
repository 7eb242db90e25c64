// Scans: start (validated request → plan → run engine), preview, pause/resume/stop/abort, state and the last
// report. A scan's seed counts up from the session's seed (reproducible runs); when a scan ends, its settings
// are stored in its file before 'scan.finished' is published.
import type { ParsedScanRequest, ScanReport, ScanRequest } from '../../shared/scans.ts';
import type { RunEngine, Running } from '../acquisition/engine.ts';
import { previewPlan, type Plan } from '../acquisition/plans.ts';
import { planScan } from '../acquisition/scan-request.ts';
import type { EventBus } from '../event-bus.ts';
import type { Instrument } from '../instrument/instrument.ts';
import type { ScanAttachments } from '../storage/scan-attachments.ts';
import type { Handlers } from './handlers.ts';

export interface ScanServiceDeps {
  instrument: Instrument;
  engine: RunEngine;
  attachments: ScanAttachments;
  bus: EventBus;
  /** The session's seed: scan n gets seed + n. */
  seed: number | undefined;
}

export class ScanService {
  private scansStarted = 0;
  private running: Running | undefined;

  private readonly deps: ScanServiceDeps;

  constructor(deps: ScanServiceDeps) {
    this.deps = deps;
  }

  /** Validates a request and builds its plan (relative scans read the motors now). */
  plan(request: ScanRequest): { plan: Plan; req: ParsedScanRequest } {
    return planScan(request, this.deps.instrument, this.deps.engine);
  }

  /** Starts a scan; resolves once it has started. The report comes from `running.done` and 'scan.finished'. */
  start(request: ScanRequest): Running {
    const { instrument, engine, attachments, bus } = this.deps;
    const { plan, req } = this.plan(request);
    // No detector at all is a valid scan: it records the point times (and the motors' positions) only.
    const detectors = req.detectors ?? [...instrument.detectors.values()].filter((d) => d.info().ndim === 0).map((d) => d.name);
    const seed = req.seed ?? (this.deps.seed !== undefined ? (this.deps.seed + this.scansStarted) >>> 0 : undefined);
    const started = engine.start(plan, { detectors, expTime: req.expTime, md: req.md, seed });
    this.scansStarted += 1;
    const running: Running = {
      ...started,
      done: started.done.then(async (report) => {
        await attachments.attachSettings(report, req);
        if (this.running === running) this.running = undefined;
        bus.emit('scan.finished', report);
        return report;
      }),
    };
    this.running = running;
    return running;
  }

  /** Aborts the running scan (the app is closing) and waits for its end. */
  async close(): Promise<void> {
    if (!this.running) return;
    try {
      this.deps.engine.abort('the app is closing');
    } catch {
      // ended meanwhile
    }
    await this.running.done;
  }

  handlers(): Handlers<'startScan' | 'previewScan' | 'pauseScan' | 'resumeScan' | 'stopScan' | 'abortScan' | 'getScanState' | 'getLastReport'> {
    const engine = this.deps.engine;
    return {
      startScan: async (req: ScanRequest) => {
        const r = this.start(req);
        return { uid: r.uid, scanNumber: r.scanNumber };
      },
      previewScan: async (req: ScanRequest) => previewPlan(this.plan(req).plan),
      pauseScan: async () => (engine.pause(), engine.scanState()),
      resumeScan: async () => (engine.resume(), engine.scanState()),
      stopScan: async () => (engine.stop(), engine.scanState()),
      abortScan: async () => (engine.abort(), engine.scanState()),
      getScanState: async () => engine.scanState(),
      getLastReport: async (): Promise<ScanReport | null> => engine.lastReport ?? null,
    };
  }
}
