// The image area: the painted canvas at the current zoom and pan, the ROI rectangles (movable and resizable
// when editable), the rectangle being drawn, and the profile line or crosshair over it.
import type { RefObject } from 'react';
import type { Tool } from './profiles.ts';
import { normRect, rectStyle, type ImageRoi } from './rects.ts';
import type { PointerTools } from './use-pointer-tools.ts';
import type { ZoomPan } from './use-zoom-pan.ts';

export interface ImageViewportProps {
  viewport: RefObject<HTMLDivElement | null>;
  canvas: RefObject<HTMLCanvasElement | null>;
  tool: Tool;
  size: number;
  view: ZoomPan;
  pointer: PointerTools;
  rois: ImageRoi[];
  testId?: string;
}

export function ImageViewport({ viewport, canvas, tool, size, view, pointer, rois, testId }: ImageViewportProps) {
  const { zoom, ox, oy } = view;
  const { sx, sy, editable, draft, line, cross } = pointer;
  return (
    <div
      ref={viewport}
      className={`imageview-viewport tool-${tool}`}
      style={{ width: size, height: size }}
      onMouseDown={pointer.onDown}
      onMouseUp={pointer.onUp}
      onMouseLeave={pointer.onLeave}
      onMouseMove={pointer.onMove}
    >
      <canvas ref={canvas} className="imageview-canvas" style={{ width: size * zoom, height: size * zoom, transform: `translate(${ox}px, ${oy}px)` }} />
      {rois.map((r0, i) => {
        const r = normRect(r0);
        return (
          <div
            key={r.id ?? i}
            className={editable ? 'roi-box editable' : 'roi-box'}
            data-testid={testId ? `${testId}-roi-${i + 1}` : undefined}
            style={rectStyle(r, sx, sy, ox, oy)}
            onMouseDown={(e) => pointer.beginMove(e, i, r)}
          >
            <span>{i + 1}</span>
            {editable && <i className="roi-handle" title="Drag to resize" onMouseDown={(e) => pointer.beginResize(e, i, r)} />}
          </div>
        );
      })}
      {draft && <div className="roi-box draft" style={rectStyle(draft, sx, sy, ox, oy)} />}
      {((tool === 'line' && line) || (tool === 'cross' && cross)) && (
        <svg className="imageview-overlay" width={size} height={size}>
          {tool === 'line' && line && <line x1={ox + line[0] * sx} y1={oy + line[1] * sy} x2={ox + line[2] * sx} y2={oy + line[3] * sy} />}
          {tool === 'cross' && cross && (
            <>
              <line x1={0} x2={size} y1={oy + (cross[1] + 0.5) * sy} y2={oy + (cross[1] + 0.5) * sy} />
              <line y1={0} y2={size} x1={ox + (cross[0] + 0.5) * sx} x2={ox + (cross[0] + 0.5) * sx} />
            </>
          )}
        </svg>
      )}
    </div>
  );
}
