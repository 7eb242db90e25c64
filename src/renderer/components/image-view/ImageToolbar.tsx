// The image view's tool row: title, colormap, log scale, auto or manual contrast, histogram toggle, the mouse
// tool (Pan, ROI, Line, Cross), reset of zoom and pan, and PNG/CSV export.
import { COLORMAPS, type ColormapName } from '../colormaps.ts';
import { PlotToolbar } from '../PlotToolbar.tsx';
import type { Tool } from './profiles.ts';
import type { Contrast } from './use-contrast.ts';

export interface ImageToolbarProps {
  title?: string;
  contrast: Contrast;
  showHist: boolean;
  onToggleHist: () => void;
  tool: Tool;
  onTool: (t: Tool) => void;
  /** The ROI tool is offered only when the caller takes ROI changes. */
  editable: boolean;
  onResetView: () => void;
  /** Export file name and what to export. */
  name: string;
  canvas: () => HTMLCanvasElement | null;
  csv: () => string;
}

export function ImageToolbar({ title, contrast, showHist, onToggleHist, tool, onTool, editable, onResetView, name, canvas, csv }: ImageToolbarProps) {
  const { cmap, setCmap, log, setLog, auto, setAuto, manual, setManual } = contrast;
  const toolButton = (t: Tool, label: string, hint: string) => (
    <button type="button" className={tool === t ? 'tool active' : 'tool'} aria-pressed={tool === t} title={hint} onClick={() => onTool(t)}>
      {label}
    </button>
  );
  return (
    <div className="imageview-tools">
      {title && <strong>{title}</strong>}
      <label>
        colormap{' '}
        <select value={cmap} onChange={(e) => setCmap(e.target.value as ColormapName)} aria-label="colormap">
          {COLORMAPS.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
      </label>
      <label title="Colour by the logarithm of the value (values ≤ 0 take the lowest colour)">
        <input type="checkbox" checked={log} onChange={(e) => setLog(e.target.checked)} aria-label="log colour scale" /> log
      </label>
      <label>
        <input type="checkbox" checked={auto} onChange={(e) => setAuto(e.target.checked)} /> auto contrast
      </label>
      {!auto && (
        <>
          <input className="num" aria-label="contrast min" value={manual[0]} onChange={(e) => setManual([e.target.value, manual[1]])} />
          <input className="num" aria-label="contrast max" value={manual[1]} onChange={(e) => setManual([manual[0], e.target.value])} />
        </>
      )}
      <button type="button" aria-pressed={showHist} onClick={onToggleHist} title="Show the histogram of the frame; drag on it to set the contrast range">
        Histogram
      </button>
      <span className="tool-group" role="group" aria-label="mouse tool">
        {toolButton('pan', 'Pan', 'Drag to pan; the wheel zooms about the mouse')}
        {editable && toolButton('roi', 'ROI', 'Drag to draw a rectangular ROI; drag an ROI to move it, its corner to resize it')}
        {toolButton('line', 'Line', 'Drag to draw a line; its profile is plotted below')}
        {toolButton('cross', 'Cross', 'Click a pixel; its row and column profiles are plotted below')}
      </span>
      <button type="button" onClick={onResetView}>
        Reset view
      </button>
      <PlotToolbar name={name} canvas={canvas} csv={csv} />
    </div>
  );
}
