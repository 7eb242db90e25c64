// What the mouse does on the image, by tool: Pan drags the view, ROI draws a rectangle (and any ROI can be
// dragged to move it or by its corner to resize it), Line draws a profile line, Cross picks a pixel for row and
// column profiles. Also the readout of the pixel under the mouse.
import { useRef, useState, type Dispatch, type RefObject, type SetStateAction } from 'react';
import type { Roi } from '../roi.ts';
import type { CrossPoint, ProfileLine, Tool } from './profiles.ts';
import { readoutText, type ReadoutSource } from './readout.ts';
import { asRois, normRect, type ImageRoi } from './rects.ts';
import type { ZoomPan } from './use-zoom-pan.ts';

type Gesture =
  | { kind: 'pan'; x: number; y: number; ox: number; oy: number }
  | { kind: 'draw'; px: number; py: number; rect?: ImageRoi }
  | { kind: 'move'; index: number; px: number; py: number; orig: ImageRoi }
  | { kind: 'resize'; index: number; orig: ImageRoi }
  | { kind: 'line'; px: number; py: number };

type At = { clientX: number; clientY: number };
type Press = At & { button: number; stopPropagation(): void };

export interface PointerToolsInput extends ReadoutSource {
  viewport: RefObject<HTMLDivElement | null>;
  tool: Tool;
  view: ZoomPan;
  setView: Dispatch<SetStateAction<ZoomPan>>;
  size: number;
  rois: ImageRoi[];
  onRoisChange?: (rois: Roi[]) => void;
}

export type PointerTools = ReturnType<typeof usePointerTools>;

export function usePointerTools(input: PointerToolsInput) {
  const { viewport, tool, view, setView, size, width, height, rois, onRoisChange } = input;
  const [readout, setReadout] = useState('');
  const [line, setLine] = useState<ProfileLine | undefined>();
  const [cross, setCross] = useState<CrossPoint | undefined>();
  const [draft, setDraft] = useState<ImageRoi | undefined>();
  const gesture = useRef<Gesture | undefined>(undefined);
  const { ox, oy } = view;
  const sx = (size * view.zoom) / width;
  const sy = (size * view.zoom) / height;
  const editable = onRoisChange !== undefined;

  /** Fractional pixel coordinates of a mouse event. */
  const pixelAt = (e: At): [number, number] => {
    const rect = viewport.current!.getBoundingClientRect();
    return [(e.clientX - rect.left - ox) / sx, (e.clientY - rect.top - oy) / sy];
  };
  const clampX = (v: number) => Math.min(width - 1, Math.max(0, Math.floor(v)));
  const clampY = (v: number) => Math.min(height - 1, Math.max(0, Math.floor(v)));
  const replace = (index: number, r: ImageRoi) => onRoisChange?.(asRois(rois.map((q, i) => (i === index ? r : q))));

  const onDown = (e: React.MouseEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    const [fx, fy] = pixelAt(e);
    if (tool === 'roi' && editable) gesture.current = { kind: 'draw', px: clampX(fx), py: clampY(fy) };
    else if (tool === 'line') gesture.current = { kind: 'line', px: fx, py: fy };
    else if (tool === 'cross') setCross([clampX(fx), clampY(fy)]);
    else gesture.current = { kind: 'pan', x: e.clientX, y: e.clientY, ox, oy };
  };

  const onMove = (e: React.MouseEvent<HTMLDivElement>) => {
    const g = gesture.current;
    const [fx, fy] = pixelAt(e);
    if (g?.kind === 'pan') setView((v) => ({ ...v, ox: g.ox + (e.clientX - g.x), oy: g.oy + (e.clientY - g.y) }));
    else if (g?.kind === 'draw') {
      g.rect = normRect({ x0: g.px, y0: g.py, x1: clampX(fx), y1: clampY(fy) });
      setDraft(g.rect);
    } else if (g?.kind === 'line') setLine([g.px, g.py, fx, fy]);
    else if (g?.kind === 'move') {
      const r = normRect(g.orig);
      const dx = Math.min(width - 1 - r.x1, Math.max(-r.x0, Math.round(fx - g.px)));
      const dy = Math.min(height - 1 - r.y1, Math.max(-r.y0, Math.round(fy - g.py)));
      replace(g.index, { ...rois[g.index]!, x0: r.x0 + dx, x1: r.x1 + dx, y0: r.y0 + dy, y1: r.y1 + dy });
    } else if (g?.kind === 'resize') {
      const r = normRect(g.orig);
      replace(g.index, normRect({ ...rois[g.index]!, x0: r.x0, y0: r.y0, x1: clampX(fx), y1: clampY(fy) }));
    }
    setReadout(readoutText(input, fx, fy));
  };

  const onUp = () => {
    const g = gesture.current;
    gesture.current = undefined;
    // The rectangle lives on the gesture: a mouseup can come before React has rendered the last draft.
    if (g?.kind === 'draw' && g.rect) onRoisChange?.([...asRois(rois), { id: Date.now(), math: 'sum', x0: g.rect.x0, x1: g.rect.x1, y0: g.rect.y0, y1: g.rect.y1 }]);
    if (g?.kind === 'draw') setDraft(undefined);
  };

  const onLeave = () => {
    onUp();
    setReadout('');
  };

  /** A press on ROI `index` (already normalised as `r`) starts moving it. */
  const beginMove = (e: Press, index: number, r: ImageRoi) => {
    if (!editable || e.button !== 0) return;
    e.stopPropagation();
    const [fx, fy] = pixelAt(e);
    gesture.current = { kind: 'move', index, px: fx, py: fy, orig: r };
  };

  /** A press on ROI `index`'s corner handle starts resizing it. */
  const beginResize = (e: Press, index: number, r: ImageRoi) => {
    if (e.button !== 0) return;
    e.stopPropagation();
    gesture.current = { kind: 'resize', index, orig: r };
  };

  return { onDown, onMove, onUp, onLeave, beginMove, beginResize, readout, line, cross, draft, sx, sy, editable };
}
