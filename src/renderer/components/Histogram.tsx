// The histogram under an image's contrast tool: the frame's values in equal bins (counts on a log scale, so a
// few bright pixels still show), the current contrast window shaded, and a drag across it sets a new window.
import { useEffect, useRef } from 'react';
import { formatValue } from '../../shared/plot-format.ts';
import { histogram, minMax, type Pixels } from './image-math.ts';

export interface HistogramProps {
  data: Pixels;
  /** The contrast window now in use. */
  window: [number, number];
  onWindow: (w: [number, number]) => void;
  width?: number;
  height?: number;
  testId?: string;
}

const BINS = 128;

export function Histogram({ data, window: win, onWindow, width = 300, height = 64, testId }: HistogramProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const range = minMax(data);
  const from = useRef<number | undefined>(undefined);
  const [lo, hi] = range;

  useEffect(() => {
    const c = canvas.current;
    const ctx = c?.getContext('2d');
    if (!c || !ctx) return;
    const counts = histogram(data, lo, hi, BINS);
    let top = 0;
    for (const n of counts) top = Math.max(top, Math.log1p(n));
    ctx.clearRect(0, 0, width, height);
    const x = (v: number) => (hi > lo ? ((v - lo) / (hi - lo)) * width : 0);
    ctx.fillStyle = 'rgba(255, 200, 0, 0.25)';
    const a = Math.max(0, x(win[0]));
    const b = Math.min(width, x(win[1]));
    if (b > a) ctx.fillRect(a, 0, b - a, height);
    ctx.fillStyle = '#6b8fd6';
    const bw = width / BINS;
    for (let i = 0; i < BINS; i++) {
      const h = top > 0 ? (Math.log1p(counts[i]!) / top) * (height - 2) : 0;
      ctx.fillRect(i * bw, height - h, Math.max(1, bw - 0.5), h);
    }
  }, [data, lo, hi, win, width, height]);

  const valueAt = (e: React.MouseEvent) => {
    const r = canvas.current!.getBoundingClientRect();
    const f = Math.min(1, Math.max(0, (e.clientX - r.left) / r.width));
    return lo + f * (hi - lo);
  };

  return (
    <div className="histogram" data-testid={testId}>
      <canvas
        ref={canvas}
        width={width}
        height={height}
        style={{ width, height }}
        title="Drag across the histogram to set the contrast range"
        onMouseDown={(e) => (from.current = valueAt(e))}
        onMouseUp={(e) => {
          const a = from.current;
          from.current = undefined;
          if (a === undefined) return;
          const b = valueAt(e);
          if (b !== a) onWindow([Math.min(a, b), Math.max(a, b)]);
        }}
      />
      <div className="histogram-scale">
        <span>{formatValue(lo)}</span>
        <span>
          contrast {formatValue(win[0])} … {formatValue(win[1])}
        </span>
        <span>{formatValue(hi)}</span>
      </div>
    </div>
  );
}
