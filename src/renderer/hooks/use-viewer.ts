// The Viewer's acquisitions (DAQ_Viewer): which detectors grab and every detector's exposure, with Snap, Grab, Stop
// and the exposure setter; and the frames of one detector as 'viewer.frame' brings them. The state is loaded once
// with getViewerState (which also gets the saver's writer ready) and then follows 'viewer.state', which the backend
// sends whenever a grab starts or ends or an exposure changes (from any window, client, preset or the CLI), so the
// panel does not poll.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ViewerFrame, ViewerState } from '../../shared/viewer.ts';
import { getBridge } from '../bridge.ts';
import { useReportError } from '../errors.tsx';
import { useFollowed } from './use-followed.ts';

export interface ViewerControls {
  /** The detectors grabbing now. */
  grabbing: string[];
  /** Exposure (s) by detector; undefined until the first answer arrives. */
  exposures: Record<string, number> | undefined;
  snap: (detector: string) => void;
  grab: (detector: string) => void;
  stop: (detector: string) => void;
  /** Resolves true when the backend took the exposure (a refusal is shown in the banner). */
  setExposure: (detector: string, seconds: number) => Promise<boolean>;
}

export function useViewer(): ViewerControls {
  const report = useReportError();
  const [state, setState] = useFollowed('viewer.state', (api) => api.getViewerState().then(({ grabbing, exposures }): ViewerState => ({ grabbing, exposures })), (st) => st);
  const grabbingNow = useCallback((grabbing: string[]) => setState((st) => (st ? { ...st, grabbing } : st)), []);
  const actions = useMemo(() => {
    const api = getBridge().api;
    return {
      snap: (d: string) => void api.viewerSnap(d).catch(report),
      grab: (d: string) => void api.viewerGrab(d).then((r) => grabbingNow(r.grabbing), report),
      stop: (d: string) => void api.viewerStop(d).then((r) => grabbingNow(r.grabbing), report),
      setExposure: (d: string, seconds: number) =>
        api.viewerSetExposure(d, seconds).then(
          () => true,
          (err: unknown) => (report(err), false),
        ),
    };
  }, [report, grabbingNow]);
  return { grabbing: state?.grabbing ?? [], exposures: state?.exposures, ...actions };
}

/** The newest frame of one detector, and for a 0-D detector the trend of its last values. */
export interface DetectorFrames {
  frame: ViewerFrame | undefined;
  /** Times (s since the epoch) and values of the last TREND 0-D frames (kept, not copied, between frames). */
  trend: { t: number[]; v: number[] };
  /** Frames shown since the detector was chosen (for tests and the frame counter). */
  shown: number;
}

const TREND = 500;

export function useDetectorFrames(detector: string): DetectorFrames {
  const [frame, setFrame] = useState<ViewerFrame | undefined>();
  const [shown, setShown] = useState(0);
  const trend = useRef<{ t: number[]; v: number[] }>({ t: [], v: [] });
  useEffect(() => {
    trend.current = { t: [], v: [] };
    setFrame(undefined);
    return getBridge().on('viewer.frame', (f) => {
      if (f.detector !== detector) return;
      if (typeof f.value === 'number') {
        const tr = trend.current;
        tr.t.push(f.time);
        tr.v.push(f.value);
        if (tr.t.length > TREND) {
          tr.t.splice(0, tr.t.length - TREND);
          tr.v.splice(0, tr.v.length - TREND);
        }
      }
      setFrame(f);
      setShown((c) => c + 1);
    });
  }, [detector]);
  return { frame, trend: trend.current, shown };
}
