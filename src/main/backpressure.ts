// The one signal a document subscriber may give the run engine: "wait for this before the next point". A writer
// returns such a promise when its queue is full, so acquisition slows down instead of memory growing without
// bound. It lives apart from the engine so storage needs nothing from acquisition.

/** Marks a subscriber's promise as backpressure: the engine waits for it before the next point. */
export function backpressure(p: Promise<void>): Promise<void> {
  return Object.assign(p, { blocking: true });
}

/** Whether a subscriber's promise asks the engine to wait (see `backpressure`). */
export function isBackpressure(p: Promise<void>): boolean {
  return (p as { blocking?: boolean }).blocking === true;
}
