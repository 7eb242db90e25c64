// The content-box size of an element, kept up to date with a ResizeObserver: the live view sizes its image to
// its pane. A DOM hook (no bridge calls), next to the data hooks because every panel may use it.
import { useLayoutEffect, useState } from 'react';

/** A callback ref, so an element that mounts later (after "no frame yet") is measured too. */
export function useBoxSize<T extends HTMLElement>(): [(el: T | null) => void, { width: number; height: number }] {
  const [el, setEl] = useState<T | null>(null);
  const [size, setSize] = useState({ width: 0, height: 0 });
  useLayoutEffect(() => {
    if (!el) return;
    const read = () => setSize((s) => (s.width === el.clientWidth && s.height === el.clientHeight ? s : { width: el.clientWidth, height: el.clientHeight }));
    const ro = new ResizeObserver(read);
    ro.observe(el);
    read();
    return () => ro.disconnect();
  }, [el]);
  return [setEl, size];
}
