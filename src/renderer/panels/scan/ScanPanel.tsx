// Scan panel (DAQ_Scan): set up a scan (type, motors, start/stop/points with the positions previewed, exposure,
// detectors, metadata), run it (Start, Pause/Resume, Stop, Abort; Ctrl+Enter starts, Escape stops), follow it
// (progress with ETA, live plot of a detector against the motor with log scale, live table), and read its report.
// This file only composes: the data comes from the hooks (useDevices, useScanSetup, useScan, useSettings), the
// drawing from the components beside it.
import { ScanPlot } from '../../components/ScanPlot.tsx';
import { useDevices } from '../../hooks/use-devices.ts';
import { useScan } from '../../hooks/use-scan.ts';
import { useScanSetup } from '../../hooks/use-scan-setup.ts';
import { useSettings } from '../../hooks/use-settings.ts';
import type { PanelProps } from '../types.ts';
import { DatasetBar } from './DatasetBar.tsx';
import { LiveTable } from './LiveTable.tsx';
import { firstProblem, toRequest } from './scan-form.ts';
import { ScanControls } from './ScanControls.tsx';
import { ScanReportView } from './ScanReportView.tsx';
import { ScanSetupForm } from './ScanSetupForm.tsx';
import { useScanKeys } from './use-scan-keys.ts';

export function ScanPanel({ info }: PanelProps) {
  const devices = useDevices();
  const setup = useScanSetup(devices);
  const scan = useScan();
  const { live, running } = scan;
  // Export SPEC writes into the base path in effect now (it may have been changed since this panel opened).
  const basePath = useSettings()?.basePath ?? info?.basePath ?? '';
  // Why Start is greyed out, in its tooltip (a disabled button gives no other feedback).
  const startBlocked = running ? 'A scan is running' : (firstProblem(setup.errors) ?? (setup.previewError ? `The backend refuses this scan: ${setup.previewError}` : undefined));
  const start = () => {
    if (!startBlocked) scan.start(toRequest(setup.form));
  };
  useScanKeys(start, running ? () => scan.control('stop') : undefined);

  return (
    <div className="scan-panel">
      <ScanSetupForm setup={setup} motors={devices.motors} detectors={devices.detectors} running={running} onStart={start} />
      <section className="scan-run">
        <ScanControls state={scan.state} running={running} progress={live.progress} report={live.report} startBlocked={startBlocked} onStart={start} onControl={scan.control} />
        <DatasetBar running={running} />
        {/* Issue 15 (plots helper): channels, monitor, planned x range, peak stats, grid map with axes. */}
        <ScanPlot live={live} running={running} onMoveMotor={scan.moveMotor} />
        {live.report && <ScanReportView key={live.report.uid} report={live.report} basePath={basePath} exportSpec={scan.exportSpec} />}
        <LiveTable seq={live.seq} time={live.time} columns={live.columns} />
      </section>
    </div>
  );
}
