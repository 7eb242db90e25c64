// The live view of one detector in the Viewer: a 0-D value large with its scrolling trend, a 1-D spectrum as a
// line, a 2-D frame as an image. Frames arrive at most ~30 times a second (useDetectorFrames); the view redraws on each.
import { useEffect, useState } from 'react';
import { ImageView } from '../../components/ImageView.tsx';
import { LinePlot } from '../../components/LinePlot.tsx';
import type { Roi } from '../../components/roi.ts';
import { useDetectorFrames } from '../../hooks/use-viewer.ts';
import { RoiTools } from '../RoiTools.tsx';
import { useBoxSize } from '../../hooks/use-box-size.ts';

export function DetectorView({ detector }: { detector: string }) {
  const { frame, trend, shown } = useDetectorFrames(detector);
  const [rois, setRois] = useState<Roi[]>([]);
  // The plot or image fills what its pane leaves free (the live view is the largest thing on the Viewer).
  const [area, box] = useBoxSize<HTMLDivElement>();
  useEffect(() => setRois([]), [detector]);

  if (!frame) return <p className="muted">No frame yet: press Grab or Snap.</p>;
  const header = (
    <div className="frame-info" data-testid="frame-info" data-seq={frame.seq} data-shown={shown}>
      {detector} · frame {frame.seq} · {new Date(frame.time * 1000).toLocaleTimeString()}
    </div>
  );
  if (typeof frame.value === 'number') {
    const t0 = trend.t[0] ?? frame.time;
    return (
      <div className="detector-view">
        {header}
        <div className="big-value" data-testid="big-value">
          {Number(frame.value.toPrecision(6))} <small>{frame.units}</small>
        </div>
        <div className="live-area" ref={area}>
          <LinePlot series={[{ label: detector, x: trend.t.map((t) => t - t0), y: [...trend.v] }]} xLabel="time (s)" yLabel={`${detector} (${frame.units})`} height={plotHeight(box.height)} testId="trend-plot" />
        </div>
      </div>
    );
  }
  const roiFrame = { time: frame.time, data: frame.value, width: frame.shape[1] ?? frame.shape[0]!, height: frame.shape.length === 2 ? frame.shape[0]! : 1 };
  if (frame.shape.length === 1) {
    const y = frame.value;
    return (
      <div className="detector-view">
        {header}
        <div className="live-area" ref={area}>
          <LinePlot series={[{ label: detector, x: Array.from({ length: y.length }, (_, i) => i), y }]} xLabel="channel" yLabel={`${detector} (${frame.units})`} height={plotHeight(box.height)} testId="spectrum-plot" />
        </div>
        <RoiTools frame={roiFrame} twoD={false} rois={rois} onChange={setRois} />
      </div>
    );
  }
  return (
    <div className="detector-view">
      {header}
      <div className="live-area" ref={area}>
        <ImageView data={frame.value} width={frame.shape[1]!} height={frame.shape[0]!} units={frame.units} size={imageSize(box)} testId="camera-image" rois={rois} onRoisChange={setRois} exportName={`${detector}-frame-${frame.seq}`} />
      </div>
      <RoiTools frame={roiFrame} twoD rois={rois} onChange={setRois} />
    </div>
  );
}

/** A line plot fills its area's height, but never below a readable 160 px. */
function plotHeight(h: number): number {
  return Math.max(160, Math.floor(h - 8));
}

/** The square image's side in its area: room is left for the tools row, the colour bar and the readout. */
function imageSize(box: { width: number; height: number }): number {
  if (box.width === 0) return 380;
  return Math.max(160, Math.floor(Math.min(box.width - 90, box.height - 72)));
}
