// How the desktop app quits (plain Node, so it is tested without Electron): say what is acquiring and ask first;
// then stop the scan, the grabs and continuous saving, and wait — with a bound — until the writers have closed
// their files. Quitting without waiting would cut a scan or a continuous save mid-flush (docs/reliability.md).
import type { Session } from './session.ts';

/** How long quitting waits for the writers; past it the app quits anyway and the next start repairs the files. */
export const QUIT_WAIT_MS = 30_000;

/** What is acquiring now, in words for the quit question ('' when nothing is). */
export async function runningAcquisition(session: Session): Promise<string> {
  const what: string[] = [];
  const scan = await session.api.getScanState();
  if (scan.state !== 'idle') what.push(`${scan.scanNumber !== null ? `scan ${scan.scanNumber}` : 'a scan'} (${scan.planName ?? 'scan'}, ${scan.done} points so far)`);
  const viewer = await session.api.getViewerState();
  if (viewer.saver.doSave) what.push(`continuous saving to ${viewer.saver.currentPath || viewer.saver.basePath}`);
  if (viewer.grabbing.length > 0) what.push(`grabbing ${viewer.grabbing.join(', ')}`);
  return what.join('; ');
}

export type QuitOutcome = { quit: false } | { quit: true; closed: boolean; waitedMs: number };

export interface QuitOptions {
  /** Asked only when something is acquiring; resolves true to stop it and quit. */
  confirm(running: string): Promise<boolean>;
  waitMs?: number;
  log?: (line: string) => void;
}

/**
 * Decides and carries out a quit. `closed` is false when the writers did not finish within the bound: the app
 * quits anyway (a hung device must not keep it open) and the next start repairs the files, as after a crash.
 */
export async function quitSession(session: Session, opts: QuitOptions): Promise<QuitOutcome> {
  // A session too broken to say what it does is closed without a question.
  const running = await runningAcquisition(session).catch(() => '');
  if (running && !(await opts.confirm(running))) return { quit: false };
  const t0 = performance.now();
  const limit = opts.waitMs ?? QUIT_WAIT_MS;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const closed = await Promise.race([
    session.close().then(
      () => true,
      (err: unknown) => {
        opts.log?.(`Closing the session failed: ${err instanceof Error ? err.message : String(err)}`);
        return true;
      },
    ),
    new Promise<false>((r) => (timer = setTimeout(() => r(false), limit))),
  ]);
  clearTimeout(timer);
  const waitedMs = Math.round(performance.now() - t0);
  if (!closed) opts.log?.(`The file writers did not finish within ${Math.round(limit / 1000)} s; quitting anyway. The next start repairs the files.`);
  return { quit: true, closed, waitedMs };
}
