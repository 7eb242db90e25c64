// The line plot in real Chromium: it holds every point it is given, redraws in place when data grows (live),
// and switches the y axis to a log scale.
import { Chart } from 'chart.js';
import { createRoot } from 'react-dom/client';
import { flushSync } from 'react-dom';
import { afterEach, describe, expect, it } from 'vitest';
import { LinePlot, type Series } from '../../src/renderer/components/LinePlot.tsx';

let host: HTMLDivElement | undefined;
afterEach(() => host?.remove());

function setup() {
  host = document.createElement('div');
  host.style.width = '600px';
  document.body.appendChild(host);
  const root = createRoot(host);
  return (node: React.ReactNode) => flushSync(() => root.render(node));
}

const gauss = (n: number): Series => {
  const x = Array.from({ length: n }, (_, i) => -1 + (2 * i) / (n - 1));
  return { label: 'det', x, y: x.map((v) => 1e5 * Math.exp(-((v / 0.2) ** 2)) + 1) };
};

describe('LinePlot', () => {
  it('holds every point given, and grows in place as a live scan adds points', () => {
    const render = setup();
    render(<LinePlot series={[gauss(5)]} xLabel="samx (mm)" yLabel="det" testId="plot" />);
    const canvas = host!.querySelector('canvas')!;
    const chart = Chart.getChart(canvas)!;
    expect(chart.data.datasets[0]!.data).toHaveLength(5);
    render(<LinePlot series={[gauss(500)]} xLabel="samx (mm)" yLabel="det" testId="plot" />);
    expect(Chart.getChart(canvas)).toBe(chart); // same chart, updated in place
    expect(chart.data.datasets[0]!.data).toHaveLength(500);
    expect(host!.querySelector('[data-testid="plot"]')!.getAttribute('data-points')).toBe('500');
  });

  it('switches the y axis to log scale', () => {
    const render = setup();
    render(<LinePlot series={[gauss(50)]} logY testId="plot" />);
    const chart = Chart.getChart(host!.querySelector('canvas')!)!;
    expect(chart.scales.y!.type).toBe('logarithmic');
  });
});
