// The scan plot's tool row: which channels to plot, the monitor to divide by, log scale and peak statistics
// (line plots only), and which scan is shown.
import type { StartDoc } from '../../../shared/documents.ts';
import type { ChannelChoice } from './channels.ts';

export interface ChannelPickerProps {
  choice: ChannelChoice;
  onChoose: (ys: string[]) => void;
  onMonitor: (channel: string) => void;
  /** A grid map is shown: no log scale or peak statistics. */
  grid: boolean;
  logY: boolean;
  onLogY: (on: boolean) => void;
  showStats: boolean;
  onShowStats: (on: boolean) => void;
  start: StartDoc | undefined;
}

export function ChannelPicker({ choice, onChoose, onMonitor, grid, logY, onLogY, showStats, onShowStats, start }: ChannelPickerProps) {
  const { channels, ys, mon, xKey } = choice;
  return (
    <div className="plot-tools channel-list" role="group" aria-label="plotted channels">
      <span>y</span>
      {channels.map((k) => (
        <label key={k}>
          <input type="checkbox" aria-label={`y ${k}`} checked={ys.includes(k)} onChange={(e) => onChoose(e.target.checked ? [...ys, k] : ys.filter((c) => c !== k))} /> {k}
        </label>
      ))}
      <label title="Divide every plotted channel by this channel, point by point (e.g. the incident-beam monitor)">
        ÷ monitor{' '}
        <select aria-label="normalise by" value={mon} onChange={(e) => onMonitor(e.target.value)}>
          <option value="">none</option>
          {channels.map((k) => (
            <option key={k}>{k}</option>
          ))}
        </select>
      </label>
      {!grid && (
        <label>
          <input type="checkbox" checked={logY} onChange={(e) => onLogY(e.target.checked)} /> log scale
        </label>
      )}
      {!grid && xKey && (
        <label title="Peak statistics as bluesky's PeakStats computes them, for the first plotted channel">
          <input type="checkbox" checked={showStats} onChange={(e) => onShowStats(e.target.checked)} /> peak stats
        </label>
      )}
      {start && (
        <span className="muted">
          scan {start.scan_number}: {start.title}
        </span>
      )}
    </div>
  );
}
