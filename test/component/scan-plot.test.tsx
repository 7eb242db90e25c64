// The line plot and the scan plot in real Chromium: the x axis spans exactly the data (a 1,024-channel spectrum
// ends at 1023, a −1…1 scan at 1) or the planned range during a scan; tick labels stay short for tiny values;
// several channels plot at once, divided by a monitor; peak statistics show on the plot with "move to peak";
// plots export CSV; a grid scan is a map with its motors on the axes and no 1-D line.
import { Chart } from 'chart.js';
import { createRoot } from 'react-dom/client';
import { flushSync } from 'react-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import '../../src/renderer/styles.css';
import { LinePlot } from '../../src/renderer/components/LinePlot.tsx';
import { ScanPlot, type ScanPlotData } from '../../src/renderer/components/ScanPlot.tsx';
import type { StartDoc } from '../../src/shared/documents.ts';

let host: HTMLDivElement | undefined;
afterEach(() => host?.remove());

function setup() {
  host = document.createElement('div');
  host.style.width = '700px';
  document.body.appendChild(host);
  const root = createRoot(host);
  return (node: React.ReactNode) => flushSync(() => root.render(node));
}

const chartOf = (testId: string) => Chart.getChart(host!.querySelector(`[data-testid="${testId}"] canvas`) as HTMLCanvasElement)!;
const labels = (c: Chart, axis: 'x' | 'y') => c.scales[axis]!.ticks.map((t) => String(t.label));

function start(plan_name: string, plan_args: Record<string, unknown>, motors: string[]): StartDoc {
  return { uid: 'u1', time: 0, scan_number: 7, plan_name, plan_args, motors, detectors: ['det', 'mon'], title: plan_name, md: {} } as unknown as StartDoc;
}

function lineScan(n: number, planned = 21): ScanPlotData {
  const x = Array.from({ length: n }, (_, i) => -1 + (2 * i) / (planned - 1));
  const mon = x.map((_, i) => 1000 + 10 * i);
  const det = x.map((v, i) => mon[i]! * (5 + 100 * Math.exp(-((v - 0.2) ** 2) / (2 * 0.15 ** 2))));
  return {
    start: start('line_scan', { motor: 'samx', start: -1, stop: 1, points: planned }, ['samx']),
    dataKeys: { samx: { units: 'mm' }, det: { units: 'counts' }, mon: { units: 'counts' } } as never,
    seq: x.map((_, i) => i + 1),
    columns: { samx: x, det, mon },
    version: n,
  };
}

describe('LinePlot axes', () => {
  it('ends the x axis at the last channel of a 1,024-channel spectrum and at ±1 for a −1…1 scan', () => {
    const render = setup();
    const ch = Array.from({ length: 1024 }, (_, i) => i);
    render(<LinePlot series={[{ label: 'spec', x: ch, y: ch.map((i) => Math.sin(i / 50)) }]} testId="p" />);
    expect([chartOf('p').scales.x!.min, chartOf('p').scales.x!.max]).toEqual([0, 1023]);
    expect(labels(chartOf('p'), 'x').at(-1)).toBe('1000'); // no "1023" label squeezed against "1000"
    const x = Array.from({ length: 21 }, (_, i) => -1 + i / 10);
    render(<LinePlot series={[{ label: 'det', x, y: x.map((v) => v * v) }]} testId="p" />);
    expect([chartOf('p').scales.x!.min, chartOf('p').scales.x!.max]).toEqual([-1, 1]);
    const xl = labels(chartOf('p'), 'x');
    expect([xl[0], xl.at(-1)]).toEqual(['-1.0', '1.0']);
  });

  it('shows the planned range while only a few points have arrived', () => {
    const render = setup();
    render(<LinePlot series={[{ label: 'det', x: [-1, -0.9], y: [1, 2] }]} xRange={[-1, 1]} testId="p" />);
    expect([chartOf('p').scales.x!.min, chartOf('p').scales.x!.max]).toEqual([-1, 1]);
  });

  it('labels tiny values and single points with short numbers', () => {
    const render = setup();
    render(<LinePlot series={[{ label: 'det', x: [0], y: [4.007966335668056e-29] }]} testId="p" />);
    const y = labels(chartOf('p'), 'y');
    expect(y.length).toBeGreaterThan(1);
    for (const l of y) expect(l.length).toBeLessThan(12);
    expect(y.some((l) => /e-29$/.test(l))).toBe(true);
    render(<LinePlot series={[{ label: 'det', x: [0, 1], y: [1e-30, 3e-30] }]} testId="p" />);
    for (const l of labels(chartOf('p'), 'y')) expect(l).toMatch(/^-?\d(\.\d+)?e-\d+$|^0$/);
  });

  it('labels a log axis at 1, 2 and 5 per decade, and every tick when the range is under a decade', () => {
    const render = setup();
    render(<LinePlot series={[{ label: 'det', x: [0, 1, 2], y: [1, 100, 1e4] }]} logY testId="p" />);
    const wide = labels(chartOf('p'), 'y').filter(Boolean);
    expect(wide).toEqual(expect.arrayContaining(['1', '10', '100', '1000', '10000']));
    expect(wide).not.toContain('300');
    render(<LinePlot series={[{ label: 'det', x: [0, 1, 2], y: [320, 500, 680] }]} logY testId="p" />);
    expect(labels(chartOf('p'), 'y').filter(Boolean).length).toBeGreaterThanOrEqual(3);
  });

  it('exports its numbers as CSV', async () => {
    const render = setup();
    const blobs: Blob[] = [];
    const create = vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => (blobs.push(b as Blob), 'blob:x'));
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      expect(this.download).toBe('scan_1_det.csv');
    });
    render(<LinePlot series={[{ label: 'det', x: [0, 1], y: [5, 6] }]} xLabel="samx" exportName="scan 1/det" testId="p" />);
    flushSync(() => (host!.querySelector('[data-testid="p-export"] button[title^="Save the plotted numbers"]') as HTMLButtonElement).click());
    expect(click).toHaveBeenCalledTimes(1);
    expect(await blobs[0]!.text()).toBe('samx,det\n0,5\n1,6\n');
    create.mockRestore();
    click.mockRestore();
  });
});

describe('ScanPlot', () => {
  it('plots over the planned range from the first points, and reports peak statistics at the end', () => {
    const render = setup();
    render(<ScanPlot live={lineScan(3)} running />);
    expect([chartOf('scan-plot').scales.x!.min, chartOf('scan-plot').scales.x!.max]).toEqual([-1, 1]);
    const onMove = vi.fn();
    render(<ScanPlot live={lineScan(21)} running={false} onMoveMotor={onMove} />);
    const stats = host!.querySelector('[data-testid="peak-stats"]')!;
    expect(stats.querySelector('[data-stat="peak"]')!.textContent).toBe('0.2');
    expect(Number(stats.querySelector('[data-stat="cen"]')!.textContent)).toBeCloseTo(0.2, 1);
    expect(Number(stats.querySelector('[data-stat="fwhm"]')!.textContent)).toBeGreaterThan(0.25);
    flushSync(() => (Array.from(stats.querySelectorAll('button')).find((b) => b.textContent === 'samx → peak') as HTMLButtonElement).click());
    expect(onMove.mock.calls[0]![0]).toBe('samx');
    expect(onMove.mock.calls[0]![1]).toBeCloseTo(0.2, 12);
    // The markers are drawn on the plot.
    const markers = (chartOf('scan-plot').options.plugins as unknown as { daqMarkers: { markers: { label: string }[] } }).daqMarkers.markers;
    expect(markers.map((m) => m.label)).toEqual(['peak', 'com', 'cen']);
  });

  it('plots several channels at once and divides them by the monitor', () => {
    const render = setup();
    const live = lineScan(21);
    render(<ScanPlot live={live} running={false} />);
    flushSync(() => (host!.querySelector('input[aria-label="y mon"]') as HTMLInputElement).click());
    expect(chartOf('scan-plot').data.datasets.map((d) => d.label)).toEqual(['det', 'mon']);
    const select = host!.querySelector('select[aria-label="normalise by"]') as HTMLSelectElement;
    flushSync(() => {
      select.value = 'mon';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    const ds = chartOf('scan-plot').data.datasets;
    expect(ds.map((d) => d.label)).toEqual(['det / mon', 'mon / mon']);
    const first = (ds[0]!.data as { x: number; y: number }[])[0]!;
    expect(first.y).toBeCloseTo(live.columns.det![0]! / live.columns.mon![0]!, 10);
    expect((ds[1]!.data as { y: number }[]).every((p) => p.y === 1)).toBe(true);
  });

  it('shows a grid scan as a map with motor names and set points on the axes, and no line plot', () => {
    const render = setup();
    const xs: number[] = [];
    const ys: number[] = [];
    for (let r = 0; r < 5; r++) {
      for (let c = 0; c < 4; c++) {
        xs.push(-1 + r * 0.5);
        ys.push(-1 + (c * 2) / 3);
      }
    }
    render(
      <ScanPlot
        live={{
          start: start('grid_scan', { axes: [{ motor: 'samx', start: -1, stop: 1, points: 5 }, { motor: 'samy', start: -1, stop: 1, points: 4 }] }, ['samx', 'samy']),
          dataKeys: { samx: { units: 'mm' }, samy: { units: 'mm' } } as never,
          seq: xs.map((_, i) => i + 1),
          columns: { samx: xs, samy: ys, det: xs.map((x, i) => x + ys[i]!) },
          version: 1,
        }}
        running={false}
      />,
    );
    expect(host!.querySelector('.lineplot')).toBeNull();
    expect(host!.querySelector('[data-testid="scan-grid-image-yaxis"] .image-axis-label')!.textContent).toBe('samx (mm)');
    expect(host!.querySelector('[data-testid="scan-grid-image-xaxis"] .image-axis-label')!.textContent).toBe('samy (mm)');
    expect(host!.querySelectorAll('[data-testid="scan-grid-image-yaxis"] .image-tick')).toHaveLength(5);
    expect(host!.querySelectorAll('[data-testid="scan-grid-image-xaxis"] .image-tick')).toHaveLength(4);
  });
});
