// The run engine's exposure wait: as long as the exposure, cut short by an abort (moves are watched by the
// device protocol, instrument/run-devices.ts).
/** Timers cannot wait less than ~1 ms: shorter exposures wait by yielding to the event loop until they are up. */
const SHORT_WAIT_MS = 4;

async function shortWait(ms: number, signal: AbortSignal): Promise<void> {
  const until = performance.now() + ms;
  while (performance.now() < until && !signal.aborted) await new Promise<void>((r) => setImmediate(r));
}

/** Waits `ms`, or less if the scan is aborted. The abort listener is removed either way (no growth per point). */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (ms < SHORT_WAIT_MS) return shortWait(ms, signal);
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const onAbort = () => {
      clearTimeout(t);
      resolve();
    };
    const t = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
