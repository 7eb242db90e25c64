// The CLI's live table: a header with the scan number and title, one row per point with every column, the exit
// status at the end — and the progress bar with ETA only on a terminal (never in a pipe or a log file).
import { describe, expect, it } from 'vitest';
import { LiveTable } from '../../../src/main/cli/live-table.ts';
import type { Doc } from '../../../src/shared/documents.ts';
import type { ScanState } from '../../../src/shared/scans.ts';

const state: ScanState = { state: 'running', uid: 'u', scanNumber: 7, planName: 'line_scan', done: 1, total: 2, elapsed: 1, eta: 1 };

function docs(): Doc[] {
  const key = { dtype: 'number' as const, shape: [], source: 's', units: 'mm', object_name: 'samx' };
  return [
    { name: 'start', doc: { uid: 'u', time: 1.7e9, scan_number: 7, plan_name: 'line_scan', plan_args: {}, detectors: ['det'], motors: ['samx'], num_points: 2, title: 'line_scan samx 0 1 2 0', seed: 1, md: {}, positioners_start: {}, positioner_units: {}, app_version: 't', instrument_config: '', exp_time: 0 } },
    { name: 'descriptor', doc: { uid: 'd', run_start: 'u', time: 1.7e9, name: 'primary', data_keys: { samx: key, det: { ...key, units: 'counts', object_name: 'det' }, eiger1: { ...key, dtype: 'array', shape: [4, 4], object_name: 'eiger1' } }, configuration: {} } },
    { name: 'event', doc: { uid: 'e1', descriptor: 'd', seq_num: 1, time: 1.7e9, data: { samx: 0, det: 12.5, eiger1: new Uint16Array(16) }, timestamps: {} } },
    { name: 'event', doc: { uid: 'e2', descriptor: 'd', seq_num: 2, time: 1.7e9, data: { samx: 1, det: 12345678.9, eiger1: new Uint16Array(16) }, timestamps: {} } },
    { name: 'stop', doc: { uid: 's', run_start: 'u', time: 1.7e9, exit_status: 'success', reason: '', num_events: 2, positioners_end: {}, md_end: {} } },
  ];
}

function run(tty: boolean): string {
  let out = '';
  const table = new LiveTable((s) => (out += s), tty, () => state);
  for (const d of docs()) {
    table.callback(d);
    if (d.name === 'event') table.flush(false);
  }
  return out;
}

describe('CLI live table', () => {
  it('prints a header, one row per point and the exit status', () => {
    const out = run(false);
    expect(out).toMatch(/Scan 7 {3}line_scan samx 0 1 2 0/);
    expect(out).toMatch(/\|\s+seq_num \|\s+time \|\s+samx \|\s+det \|\s+eiger1 \|/);
    const rows = out.split('\n').filter((l) => /^\|\s+\d+ \|/.test(l));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/\|\s+12\.50000 \|\s+\[16\] \|$/);
    expect(rows[1]).toMatch(/\|\s+1\.2346e\+7 \|/); // large values in exponent form, within the column
    expect(out).toMatch(/exit_status success, 2 point\(s\)/);
  });

  it('shows the progress bar and ETA on a terminal only', () => {
    expect(run(false)).not.toMatch(/ETA/);
    const tty = run(true);
    expect(tty).toMatch(/\[#+\.+\] 1\/2 {2}50% {2}elapsed 1\.0 s {2}ETA 1\.0 s/);
    expect(tty.trimEnd().endsWith('exit_status success, 2 point(s)')).toBe(true); // the bar is cleared at the end
  });
});
