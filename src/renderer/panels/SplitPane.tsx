// Two panes side by side with a draggable divider (PyMoDAQ's docked viewers, in the browser): the main pane takes
// what is left, the side pane keeps the width the user dragged it to (remembered per layout in localStorage, which
// is per-profile in Electron and per-origin in a browser). The divider also moves with ←/→ when it has focus.
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { storedWidth, storeWidth } from './split-width.ts';


export function SplitPane({
  id,
  main,
  side,
  sideWidth = 420,
  sideFraction,
  minSide = 260,
  minMain = 320,
  sideFirst = false,
}: {
  /** Names the layout (storage key and test ids). */
  id: string;
  main: ReactNode;
  side: ReactNode;
  sideWidth?: number;
  /** The side pane's share of the width until the user drags the divider (instead of sideWidth). */
  sideFraction?: number;
  minSide?: number;
  minMain?: number;
  /** The side pane on the left (a form beside its result) instead of the right. */
  sideFirst?: boolean;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState<number | undefined>(() => storedWidth(id));
  const [total, setTotal] = useState(0);
  const drag = useRef<{ x: number; w: number } | undefined>(undefined);

  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setTotal(el.clientWidth));
    ro.observe(el);
    setTotal(el.clientWidth);
    return () => ro.disconnect();
  }, []);

  // The side pane never squeezes the main pane below its minimum (small windows win over a stored width).
  const max = Math.max(minSide, total - minMain - 8);
  const wanted = width ?? (sideFraction ? total * sideFraction : sideWidth);
  const shown = Math.round(Math.min(max, Math.max(minSide, wanted)));

  const set = useCallback(
    (w: number) => {
      setWidth(w);
      storeWidth(id, w);
    },
    [id],
  );

  useEffect(() => {
    const move = (e: PointerEvent) => {
      const d = drag.current;
      if (!d) return;
      const dx = e.clientX - d.x;
      set(Math.min(max, Math.max(minSide, d.w + (sideFirst ? dx : -dx))));
    };
    const up = () => (drag.current = undefined);
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
    return () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
    };
  }, [max, minSide, set, sideFirst]);

  const divider = (
    <div
      className="split-divider"
      role="separator"
      aria-orientation="vertical"
      aria-label="Resize panes"
      aria-valuenow={shown}
      aria-valuemin={minSide}
      aria-valuemax={max}
      tabIndex={0}
      title="Drag (or ←/→) to resize"
      data-testid={`${id}-divider`}
      onPointerDown={(e) => {
        e.preventDefault();
        drag.current = { x: e.clientX, w: shown };
      }}
      onKeyDown={(e) => {
        if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
        e.preventDefault();
        const grow = (e.key === 'ArrowLeft') !== sideFirst;
        set(Math.min(max, Math.max(minSide, shown + (grow ? 24 : -24))));
      }}
    />
  );
  const sidePane = (
    <div className="split-side" style={{ width: shown }} data-testid={`${id}-side`}>
      {side}
    </div>
  );
  const mainPane = (
    <div className="split-main" data-testid={`${id}-main`}>
      {main}
    </div>
  );
  return (
    <div className="split" ref={box}>
      {sideFirst ? (
        <>
          {sidePane}
          {divider}
          {mainPane}
        </>
      ) : (
        <>
          {mainPane}
          {divider}
          {sidePane}
        </>
      )}
    </div>
  );
}
