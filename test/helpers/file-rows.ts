// Waits until a scan file that is still being written holds at least N points, as h5py sees them in SWMR mode:
// the condition "the data is really on disk" that a test needs before it kills, deletes or reads what was written.
// The polling runs inside one Python process (asynchronously here, so a scan in this process keeps running).
import { spawn } from 'node:child_process';
import { PYTHON } from './python.ts';

const SCRIPT = `
import sys, time, json, h5py
path, entry, rel, want, timeout = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), float(sys.argv[5])
deadline = time.monotonic() + timeout
last = 'the file could not be opened yet'
f = None
while True:
    try:
        if f is None:
            f = h5py.File(path, 'r', swmr=True)
        # No entry named: the newest one ("12.1" sorts after "9.1").
        e = entry or max(f.keys(), key=lambda k: [int(p) if p.isdigit() else 0 for p in k.split('.')])
        d = f[e + '/' + rel]
        d.refresh()
        rows = d.shape[0]
        if rows >= want:
            print(json.dumps({'rows': rows, 'entry': e}))
            sys.exit(0)
        last = f'{e}/{rel} had {rows} point(s)'
    except Exception as err:
        last = f'{type(err).__name__}: {err}'
        if f is not None:
            f.close()
            f = None
    if time.monotonic() > deadline:
        print(last, file=sys.stderr)
        sys.exit(1)
    time.sleep(0.02)
`;

export interface FileRows {
  rows: number;
  entry: string;
}

/**
 * Resolves once `<entry>/<dataset>` in `file` has at least `min` rows (entry '' = the newest entry). Rejects after
 * `timeout` ms with what was last seen (no file yet, no entry yet, or how many points there were).
 */
export function waitForRows(file: string, entry: string, dataset: string, min: number, opts: { timeout?: number } = {}): Promise<FileRows> {
  const timeout = opts.timeout ?? 30_000;
  return new Promise((resolve, reject) => {
    const p = spawn(PYTHON, ['-c', SCRIPT, file, entry, dataset, String(min), String(timeout / 1000)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    p.on('error', reject);
    p.on('exit', (code) => {
      if (code === 0) resolve(JSON.parse(out) as FileRows);
      else reject(new Error(`Timed out after ${timeout} ms waiting for ${min} point(s) in ${file}::${entry || '(newest entry)'}/${dataset}; last seen: ${err.trim() || `python exit code ${code}`}`));
    });
  });
}
