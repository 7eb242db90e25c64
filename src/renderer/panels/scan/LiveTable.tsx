// The live table: seq_num, time and every scalar of the newest points (the last 200; the plot holds them all).
// It follows the newest point, unless the user scrolled up to read an older one.
import { useLayoutEffect, useRef } from 'react';
import { fmt } from './scan-format.ts';

const TABLE_ROWS = 200;

export interface LiveTableProps {
  seq: number[];
  time: number[];
  columns: Record<string, number[]>;
}

export function LiveTable({ seq, time, columns }: LiveTableProps) {
  const keys = Object.keys(columns);
  const rows = seq.length;
  const first = Math.max(0, rows - TABLE_ROWS);
  const wrap = useRef<HTMLDivElement>(null);
  const follow = useRef(true);
  const onScroll = () => {
    const el = wrap.current;
    if (el) follow.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
  };
  useLayoutEffect(() => {
    const el = wrap.current;
    if (el && follow.current) el.scrollTop = el.scrollHeight;
  }, [rows]);
  return (
    <div className="live-table-wrap" ref={wrap} onScroll={onScroll} data-testid="live-table-wrap">
      <table className="grid live-table" data-testid="live-table" data-rows={rows}>
        <thead>
          <tr>
            <th>seq_num</th>
            <th>time</th>
            {keys.map((k) => (
              <th key={k}>{k}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {seq.slice(first).map((s, i) => (
            <tr key={s}>
              <td className="num">{s}</td>
              <td className="num">{new Date(time[first + i]! * 1000).toLocaleTimeString()}</td>
              {keys.map((k) => (
                <td key={k} className="num">
                  {fmt(columns[k]![first + i])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {rows > TABLE_ROWS && (
        <p className="muted">
          showing the last {TABLE_ROWS} of {rows} points; the plot holds them all
        </p>
      )}
    </div>
  );
}
