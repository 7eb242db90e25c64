// A running scan's progress for the UI: points done, elapsed time and the ETA from the pace of the points so far,
// with the time spent paused left out.
export class RunProgress {
  private readonly t0 = performance.now();
  done = 0;
  /** performance.now() of the last point and the time spent paused before it: the pace for the ETA. */
  private lastAt = this.t0;
  private pausedAtLast = 0;
  /** Time spent paused so far (ms), and since when the scan is paused now. */
  private pausedMs = 0;
  private pausedSince: number | undefined;

  /** A point was emitted. */
  point(done: number): void {
    this.done = done;
    this.lastAt = performance.now();
    this.pausedAtLast = this.pausedMs;
  }

  paused(): void {
    this.pausedSince = performance.now();
  }

  resumed(): void {
    if (this.pausedSince !== undefined) this.pausedMs += performance.now() - this.pausedSince;
    this.pausedSince = undefined;
  }

  /** Seconds since the start, and the ETA (null without a known total or before the first point). */
  times(total: number | null): { elapsed: number; eta: number | null } {
    const now = performance.now();
    const elapsed = (now - this.t0) / 1000;
    // Pace of the points so far (pauses left out), minus the time the current point has already taken.
    const paused = this.pausedMs + (this.pausedSince !== undefined ? now - this.pausedSince : 0);
    const perPoint = this.done > 0 ? (this.lastAt - this.t0 - this.pausedAtLast) / this.done / 1000 : 0;
    const sinceLast = (now - this.lastAt - (paused - this.pausedAtLast)) / 1000;
    const eta = total !== null && this.done > 0 ? Math.max(0, perPoint * (total - this.done) - Math.max(0, sinceLast)) : null;
    return { elapsed, eta };
  }
}
