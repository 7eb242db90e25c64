// Zoom (1…64×) and pan of the image inside its fixed viewport. The wheel zooms about the mouse.
import { useEffect, useState, type Dispatch, type RefObject, type SetStateAction } from 'react';

export interface ZoomPan {
  zoom: number;
  /** Pan offset of the image's top-left corner in the viewport (css px). */
  ox: number;
  oy: number;
}

export const NO_ZOOM: ZoomPan = { zoom: 1, ox: 0, oy: 0 };

export function useZoomPan(viewport: RefObject<HTMLDivElement | null>): [ZoomPan, Dispatch<SetStateAction<ZoomPan>>] {
  const [view, setView] = useState<ZoomPan>(NO_ZOOM);

  // React's wheel listener is passive, so it cannot stop the page from scrolling too; a native non-passive
  // listener can.
  useEffect(() => {
    const el = viewport.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const r = el.getBoundingClientRect();
      const mx = e.clientX - r.left;
      const my = e.clientY - r.top;
      setView((v) => {
        const zoom = Math.min(64, Math.max(1, v.zoom * (e.deltaY < 0 ? 1.25 : 0.8)));
        if (zoom === 1) return { zoom, ox: 0, oy: 0 };
        const f = zoom / v.zoom;
        return { zoom, ox: mx - (mx - v.ox) * f, oy: my - (my - v.oy) * f };
      });
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [viewport]);

  return [view, setView];
}
