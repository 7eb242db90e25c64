// The numbers of bluesky-style peak statistics under a scan's line plot, and buttons that move the scanned motor
// to the peak or the centre of mass (disabled while a scan runs: the engine refuses moves then).
import type { PeakStats } from '../../../shared/peak-stats.ts';
import { formatValue } from '../../../shared/plot-format.ts';

export interface PeakStatsBarProps {
  stats: PeakStats;
  /** The plotted channel the statistics are of. */
  channel: string;
  /** The scanned motor. */
  motor: string;
  running: boolean;
  /** Without it (or with several motors) there are no move buttons. */
  onMoveMotor?: (motor: string, position: number) => void;
}

export function PeakStatsBar({ stats, channel, motor, running, onMoveMotor }: PeakStatsBarProps) {
  const wait = 'Wait until the scan ends';
  return (
    <div className="peak-stats" data-testid="peak-stats" aria-label={`peak statistics of ${channel}`}>
      <span>
        peak <b data-stat="peak">{formatValue(stats.max[0])}</b> ({formatValue(stats.max[1])})
      </span>
      <span>
        com <b data-stat="com">{formatValue(stats.com)}</b>
      </span>
      <span>
        cen <b data-stat="cen">{formatValue(stats.cen)}</b>
      </span>
      <span>
        FWHM <b data-stat="fwhm">{formatValue(stats.fwhm)}</b>
      </span>
      <span>
        min <b data-stat="min">{formatValue(stats.min[1])}</b> at {formatValue(stats.min[0])}
      </span>
      <span>
        max <b data-stat="max">{formatValue(stats.max[1])}</b>
      </span>
      {onMoveMotor && (
        <>
          <button type="button" disabled={running} title={running ? wait : `Move ${motor} to ${formatValue(stats.max[0])}`} onClick={() => onMoveMotor(motor, stats.max[0])}>
            {motor} → peak
          </button>
          <button
            type="button"
            disabled={running || stats.com === undefined}
            title={running ? wait : stats.com === undefined ? 'The channel is flat: no centre of mass' : `Move ${motor} to ${formatValue(stats.com)}`}
            onClick={() => stats.com !== undefined && onMoveMotor(motor, stats.com)}
          >
            {motor} → com
          </button>
        </>
      )}
    </div>
  );
}
