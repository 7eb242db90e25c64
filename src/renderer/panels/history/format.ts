// How the History writes a scan's status and duration in its table.
import type { ScanRow } from '../../../shared/history.ts';

// Status marks drawn with CSS (a glyph like ⏹ is missing from common Linux fonts and shows as an empty box).
export const STATUS_LABEL: Record<string, string> = { success: 'success', abort: 'aborted', fail: 'failed', running: 'running' };

export function duration(r: ScanRow): string {
  if (!r.endTime) return '—';
  const s = r.endTime - r.startTime;
  return s < 60 ? `${s.toFixed(1)} s` : `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}
