// The History's search form: plan, motor, status, sample, text and a time range. Every change searches again
// (from the first page), as the user types.
import type { HistoryFilter } from '../../hooks/use-history.ts';

const PLANS = ['line_scan', 'rel_line_scan', 'multi_scan', 'grid_scan', 'list_scan', 'count', 'timescan'];

export function HistoryFilters({ filter, onChange }: { filter: HistoryFilter; onChange: (key: keyof HistoryFilter, value: string) => void }) {
  return (
    <div className="history-filters" aria-label="filters">
      <select aria-label="plan filter" value={filter.plan} onChange={(e) => onChange('plan', e.target.value)}>
        <option value="">any plan</option>
        {PLANS.map((p) => (
          <option key={p}>{p}</option>
        ))}
      </select>
      <input aria-label="motor filter" placeholder="motor" value={filter.motor} onChange={(e) => onChange('motor', e.target.value.trim())} />
      <select aria-label="status filter" value={filter.status} onChange={(e) => onChange('status', e.target.value)}>
        <option value="">any status</option>
        <option>success</option>
        <option>abort</option>
        <option>fail</option>
        <option>running</option>
      </select>
      <input aria-label="sample filter" placeholder="sample" title="Part of the sample name (any case)" value={filter.sample} onChange={(e) => onChange('sample', e.target.value)} />
      <input aria-label="title filter" placeholder="text in title or comment" title="Words in the scan's title or comment (any case)" value={filter.text} onChange={(e) => onChange('text', e.target.value)} />
      <label>
        since <input aria-label="since" type="datetime-local" value={filter.since} onChange={(e) => onChange('since', e.target.value)} />
      </label>
      <label>
        until <input aria-label="until" type="datetime-local" value={filter.until} onChange={(e) => onChange('until', e.target.value)} />
      </label>
    </div>
  );
}
