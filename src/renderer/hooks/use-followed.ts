// A value loaded once from the backend and then kept current by an event (settings, the saver's status, the
// Viewer's state). An event that arrives before the first answer is newer than that answer, so the answer must
// not overwrite it.
import { useEffect, useRef, useState, type Dispatch, type SetStateAction } from 'react';
import type { Api, EventName, Events } from '../../shared/api.ts';
import { getBridge } from '../bridge.ts';
import { useReportError } from '../errors.tsx';

/** [value (undefined until the first answer or event), its setter for answers to the panel's own calls]. */
export function useFollowed<E extends EventName, T>(event: E, load: (api: Api) => Promise<T>, fromEvent: (payload: Events[E]) => T): [T | undefined, Dispatch<SetStateAction<T | undefined>>] {
  const report = useReportError();
  const [value, setValue] = useState<T | undefined>();
  // The loaders are read when the effect runs; callers may pass new closures on every render.
  const fns = useRef({ load, fromEvent });
  fns.current = { load, fromEvent };
  useEffect(() => {
    const bridge = getBridge();
    let changed = false;
    const off = bridge.on(event, (payload) => {
      changed = true;
      setValue(fns.current.fromEvent(payload as Events[E]));
    });
    fns.current.load(bridge.api).then((v) => {
      if (!changed) setValue(v);
    }, report);
    return off;
  }, [event, report]);
  return [value, setValue];
}
