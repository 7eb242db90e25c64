// The NXdata default plot of the selected group (@default, NXdata signal/axes/auxiliary_signals): a 1-D signal as
// lines against its axis, with "Export plot as CSV" (axis first, then one column per signal); an N-D signal as an
// image slice.
import type { OpenFile, PlotDescription } from '../../../shared/browse.ts';
import { LinePlot } from '../../components/LinePlot.tsx';
import { inFolder, useBrowserExport, usePlotSeries } from '../../hooks/use-browser-data.ts';
import { ImageSliceView } from './ImageSliceView.tsx';

export function DefaultPlot({ file, plot, exportFolder }: { file: OpenFile; plot: PlotDescription; exportFolder: string }) {
  const series = usePlotSeries(file, plot);
  const exporter = useBrowserExport(file);
  const shape = plot.signal.shape;
  const exportCsv = () => {
    const paths = [...(plot.axes[0] ? [plot.axes[0].path] : []), plot.signal.path, ...plot.auxiliary.map((a) => a.path)];
    const name = plot.nxdata.split('/').filter(Boolean).join('_') || 'plot';
    exporter.write(paths, [null], 'csv', inFolder(exportFolder, `${name}.csv`));
  };
  return (
    <div data-testid="browser-default-plot" data-nxdata={plot.nxdata}>
      <h3>{plot.title}</h3>
      {shape.length === 1 ? (
        <>
          <LinePlot series={series} xLabel={plot.axes[0]?.label ?? 'index'} yLabel={plot.signal.label} logY={plot.logY} height={300} testId="browser-line" />
          <div className="row">
            <button onClick={exportCsv}>Export plot as CSV</button>
            {exporter.message && (
              <span className="muted" data-testid="plot-export-message">
                {exporter.message}
              </span>
            )}
          </div>
        </>
      ) : shape.length >= 2 ? (
        <ImageSliceView file={file} path={plot.signal.path} shape={shape} />
      ) : null}
    </div>
  );
}
