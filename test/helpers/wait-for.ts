// Waits on a condition instead of a fixed sleep: a test that sleeps "long enough" fails on a loaded 2-core CI
// machine, one that waits for what it needs (a file, a point count, an event) only takes longer. No Node or DOM
// imports, so unit, integration, component and e2e tests can all use it.

export interface WaitForOptions {
  /** What is awaited, in words: the failure message says "Timed out after N ms waiting for <what>". */
  what: string;
  /** Give up after this many ms (default 30 s, half the unit project's test timeout). */
  timeout?: number;
  /** Poll every this many ms (default 10). */
  interval?: number;
}

/**
 * Resolves with the condition's first truthy value. The condition may be async; if it throws, the error is
 * kept and named in the timeout message (so "file not found" is not hidden behind "timed out").
 */
export async function waitFor<T>(condition: () => T | Promise<T>, opts: WaitForOptions): Promise<Exclude<T, false | 0 | '' | null | undefined>> {
  const timeout = opts.timeout ?? 30_000;
  const interval = opts.interval ?? 10;
  const started = Date.now();
  let lastError: unknown;
  for (;;) {
    try {
      const v = await condition();
      if (v) return v as Exclude<T, false | 0 | '' | null | undefined>;
      lastError = undefined;
    } catch (err) {
      lastError = err;
    }
    const waited = Date.now() - started;
    if (waited >= timeout) {
      const why = lastError === undefined ? '' : ` (the last check threw: ${lastError instanceof Error ? lastError.message : String(lastError)})`;
      throw new Error(`Timed out after ${waited} ms waiting for ${opts.what}${why}`);
    }
    await new Promise((r) => setTimeout(r, Math.min(interval, timeout - waited)));
  }
}
