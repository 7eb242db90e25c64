// Start, Pause/Resume, Stop, Abort and the progress bar (points, elapsed and ETA while running; how it ended).
import type { ScanReport, ScanState } from '../../../shared/scans.ts';
import type { ScanControl } from '../../hooks/use-scan.ts';
import { seconds } from './scan-format.ts';

export interface ScanControlsProps {
  state: ScanState['state'];
  running: boolean;
  progress: ScanState | undefined;
  report: ScanReport | undefined;
  /** Why Start is refused (its tooltip: a disabled button gives no other feedback); undefined when it may start. */
  startBlocked: string | undefined;
  onStart(): void;
  onControl(what: ScanControl): void;
}

/** The progress bar's words: points, elapsed and ETA while running; once ended, how it ended and no ETA. */
export function progressText(p: ScanState | undefined, report: ScanReport | undefined, state: string): string {
  if (report) return `scan ${report.scanNumber} ${report.status === 'success' ? 'done' : report.status} · ${report.numPoints} points · ${seconds(report.elapsed)}`;
  if (!p) return 'idle';
  return `${p.done}${p.total !== null ? ` / ${p.total}` : ''} points · elapsed ${seconds(p.elapsed)} · ETA ${seconds(p.eta)}${state === 'paused' ? ' · paused' : ''}`;
}

export function ScanControls({ state, running, progress, report, startBlocked, onStart, onControl }: ScanControlsProps) {
  const pct = progress?.total ? Math.min(100, (100 * progress.done) / progress.total) : report ? 100 : 0;
  return (
    <div className="scan-controls" role="toolbar" aria-label="scan controls">
      <button className="primary" onClick={onStart} disabled={startBlocked !== undefined} title={startBlocked ?? 'Start (Ctrl+Enter)'} data-testid="start-scan">
        Start
      </button>
      {state === 'paused' ? (
        <button onClick={() => onControl('resume')} disabled={!running} title="Resume the paused scan">
          Resume
        </button>
      ) : (
        <button onClick={() => onControl('pause')} disabled={!running} title={running ? 'Pause before the next point' : 'No scan is running'}>
          Pause
        </button>
      )}
      <button onClick={() => onControl('stop')} disabled={!running} title={running ? 'Finish the current point and end (Escape)' : 'No scan is running'}>
        Stop
      </button>
      <button className="danger" onClick={() => onControl('abort')} disabled={!running} title={running ? 'Interrupt now; the scan ends as abort' : 'No scan is running'}>
        Abort
      </button>
      <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(pct)} data-testid="scan-progress">
        <div className="progress-fill" style={{ width: `${pct}%` }} />
        <span className="progress-text">{progressText(progress, report, state)}</span>
      </div>
    </div>
  );
}
