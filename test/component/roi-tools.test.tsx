// The ROI tools under an image in real Chromium: an ROI drawn with the mouse starts as a sum, and its math can
// be switched to a mean from the ROI list; the trend then plots the mean.
import { Chart } from 'chart.js';
import { createRoot } from 'react-dom/client';
import { flushSync } from 'react-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Roi } from '../../src/renderer/components/roi.ts';
import { RoiTools } from '../../src/renderer/panels/RoiTools.tsx';

let host: HTMLDivElement | undefined;
afterEach(() => host?.remove());

describe('RoiTools', () => {
  it('switches a drawn ROI from sum to mean and plots the mean', async () => {
    host = document.createElement('div');
    host.style.width = '600px';
    document.body.appendChild(host);
    const root = createRoot(host);
    const data = Uint16Array.from({ length: 16 }, (_, i) => i); // 4×4, value = x + 4y
    const frame = { time: 1, data, width: 4, height: 4 };
    const onChange = vi.fn<(r: Roi[]) => void>();
    const roi: Roi = { id: 1, math: 'sum', x0: 0, x1: 1, y0: 0, y1: 1 };
    flushSync(() => root.render(<RoiTools frame={frame} twoD rois={[roi]} onChange={onChange} />));
    await vi.waitFor(() => expect(host!.querySelector('[data-testid="roi-values"]')!.textContent).toMatch(/ROI 1 \(sum\): 10/));
    const select = host!.querySelector('select[aria-label="roi 1 math"]') as HTMLSelectElement;
    flushSync(() => {
      select.value = 'mean';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    const changed = onChange.mock.calls[0]![0];
    expect(changed[0]).toMatchObject({ math: 'mean', x0: 0, x1: 1, y0: 0, y1: 1 });
    flushSync(() => root.render(<RoiTools frame={{ ...frame, time: 2 }} twoD rois={changed} onChange={onChange} />));
    await vi.waitFor(() => expect(host!.querySelector('[data-testid="roi-values"]')!.textContent).toMatch(/ROI 1 \(mean\): 2\.5/));
    const chart = Chart.getChart(host!.querySelector('[data-testid="roi-trend"] canvas') as HTMLCanvasElement)!;
    expect(chart.data.datasets[0]!.label).toBe('ROI 1 mean');
  });
});
