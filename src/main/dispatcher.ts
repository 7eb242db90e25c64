// The one door into the Api for every transport: validate the arguments with the method's schema, call the
// session, and turn any failure into {ok:false, error:{code, message}}. Nothing thrown crosses a transport.
import { parseArgs } from '../shared/api.ts';
import { toErrorInfo, type Envelope } from '../shared/errors.ts';
import type { Session } from './session.ts';

export type Dispatch = (method: string, args: unknown) => Promise<Envelope<unknown>>;

export function createDispatcher(session: Session): Dispatch {
  return async (method, rawArgs) => {
    const parsed = parseArgs(method, rawArgs);
    if (!parsed.ok) return { ok: false, error: { code: parsed.code, message: parsed.message } };
    try {
      const fn = session.api[parsed.method] as (...a: unknown[]) => Promise<unknown>;
      const value = await fn(...parsed.args);
      return { ok: true, value };
    } catch (err) {
      return { ok: false, error: toErrorInfo(err) };
    }
  };
}
