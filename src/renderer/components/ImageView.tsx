// A 2-D image on a canvas: colormap (linear or log scale), a colour bar as tall as the image, auto or manual
// contrast with a histogram to drag the range on, wheel zoom about the mouse (the page does not scroll), drag
// pan, a readout of the pixel under the mouse, ROI rectangles drawn, moved and resized with the mouse, line and
// crosshair profiles, optional axes in real units (a scan's grid map), and PNG/CSV export. This file composes
// the parts in image-view/ (painting, contrast, zoom and pan, mouse tools, toolbar, axes, colour bar).
import { useMemo, useRef, useState } from 'react';
import { imageToCsv } from '../../shared/plot-format.ts';
import { Histogram } from './Histogram.tsx';
import { minMax, paint, type Pixels } from './image-math.ts';
import { AXIS_Y_W, type AxisSpec } from './image-view/axes.ts';
import { ColorBar } from './image-view/ColorBar.tsx';
import { exportCanvas } from './image-view/export-canvas.ts';
import { ImageAxis } from './image-view/ImageAxis.tsx';
import { ImageToolbar } from './image-view/ImageToolbar.tsx';
import { ImageViewport } from './image-view/ImageViewport.tsx';
import { profileSeries, type Tool } from './image-view/profiles.ts';
import type { ImageRoi } from './image-view/rects.ts';
import { useContrast } from './image-view/use-contrast.ts';
import { usePaint } from './image-view/use-paint.ts';
import { usePointerTools } from './image-view/use-pointer-tools.ts';
import { NO_ZOOM, useZoomPan } from './image-view/use-zoom-pan.ts';
import { LinePlot } from './LinePlot.tsx';
import type { Roi } from './roi.ts';
import './plot-tools.css';

export { exportCanvas, minMax, paint, type AxisSpec, type ImageRoi, type Pixels };

export interface ImageViewProps {
  data: Pixels;
  width: number;
  height: number;
  title?: string;
  units?: string;
  /** Fixed size of the image area on screen (css px). */
  size?: number;
  testId?: string;
  rois?: ImageRoi[];
  /** When given, ROIs can be drawn with the ROI tool and moved or resized with the mouse. */
  onRoisChange?: (rois: Roi[]) => void;
  /** Axes in real units (a grid scan's motors); without them the image has pixel coordinates only. */
  xAxis?: AxisSpec;
  yAxis?: AxisSpec;
  /** Base name of exported files. */
  exportName?: string;
}

export function ImageView({ data, width, height, title, units, size = 420, testId, rois = [], onRoisChange, xAxis, yAxis, exportName }: ImageViewProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const viewport = useRef<HTMLDivElement>(null);
  const [tool, setTool] = useState<Tool>('pan');
  const [showHist, setShowHist] = useState(false);
  const contrast = useContrast(data);
  const { cmap, log, range } = contrast;
  const [view, setView] = useZoomPan(viewport);
  const pointer = usePointerTools({ viewport, tool, view, setView, size, data, width, height, units, xAxis, yAxis, rois, onRoisChange });
  usePaint(canvas, data, width, height, range, cmap, log);
  const { line, cross } = pointer;
  const profile = useMemo(() => profileSeries(tool, line, cross, data, width, height), [tool, line, cross, data, width, height]);
  const name = exportName ?? title ?? testId ?? 'image';
  const sub = (part: string) => (testId ? `${testId}-${part}` : undefined);

  return (
    <div className="imageview" data-testid={testId}>
      <ImageToolbar
        title={title}
        contrast={contrast}
        showHist={showHist}
        onToggleHist={() => setShowHist(!showHist)}
        tool={tool}
        onTool={setTool}
        editable={pointer.editable}
        onResetView={() => setView(NO_ZOOM)}
        name={name}
        canvas={() => exportCanvas(canvas.current)}
        csv={() => imageToCsv(data, width, height)}
      />
      <div className="imageview-frame" style={{ gridTemplateColumns: `${yAxis ? AXIS_Y_W : 0}px ${size}px auto`, columnGap: yAxis ? 4 : 0 }}>
        {yAxis ? <ImageAxis axis={yAxis} orientation="y" pixels={height} size={size} zoom={view.zoom} offset={view.oy} testId={sub('yaxis')} /> : <div />}
        <ImageViewport viewport={viewport} canvas={canvas} tool={tool} size={size} view={view} pointer={pointer} rois={rois} testId={testId} />
        <ColorBar cmap={cmap} range={range} log={log} size={size} testId={sub('colorbar')} />
        <div />
        {xAxis ? <ImageAxis axis={xAxis} orientation="x" pixels={width} size={size} zoom={view.zoom} offset={view.ox} testId={sub('xaxis')} /> : <div />}
      </div>
      <div className="readout" data-testid={sub('readout')}>
        {pointer.readout || '\u00a0'}
      </div>
      {showHist && <Histogram data={data} window={range} testId={sub('histogram')} onWindow={contrast.setWindow} />}
      {profile.length > 0 && <LinePlot series={profile} xLabel={tool === 'line' ? 'distance (px)' : 'pixel'} yLabel={units ? `value (${units})` : 'value'} height={160} testId={sub('profile')} exportName={`${name}-profile`} />}
    </div>
  );
}
