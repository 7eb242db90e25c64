// The run engine's waits: a motor move with a watchdog (a motor that stops answering fails the scan with its
// name), and the exposure wait that an abort cuts short.
import type { SimMotor } from '../instrument/motor.ts';

/**
 * A move that must finish within twice its expected time plus a margin; a motor that does not answer fails the
 * scan with its name (the engine then aborts, which stops every motor).
 */
export function watchMove(motor: SimMotor, target: number, signal: AbortSignal, marginS: number, fail: (why: string) => void): Promise<number> {
  const limit = motor.expectedSeconds(target) * 2 + marginS;
  let timer: NodeJS.Timeout | undefined;
  const watchdog = new Promise<number>((resolveWatch) => {
    timer = setTimeout(() => {
      fail(`Motor ${motor.name} stopped answering: its move to ${target} ${motor.units} did not finish within ${limit.toFixed(1)} s. The scan was aborted and the motors stopped; check the motor, then move it by hand.`);
      resolveWatch(Number.NaN);
    }, limit * 1000);
  });
  return Promise.race([motor.move(target, signal), watchdog]).finally(() => clearTimeout(timer));
}

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
