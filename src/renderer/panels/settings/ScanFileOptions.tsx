// Settings → Scan files: compression of scan datasets, and the PNG of the plot stored with each scan.
import { CompressionSelect } from '../../components/CompressionSelect.tsx';
import { useSettings } from '../../hooks/use-settings.ts';
import { useUpdateSettings } from '../../hooks/use-update-settings.ts';

export function ScanFileOptions() {
  const update = useUpdateSettings();
  // The settings in effect: a change made in the Scan panel or another window shows here too.
  const scan = useSettings()?.settings.scan;
  if (!scan) return null;
  return (
    <div className="scan-options">
      <h2>Scan files</h2>
      <label>
        <input type="checkbox" aria-label="store plot screenshot" checked={scan.screenshotOnEnd} onChange={(e) => update({ scan: { screenshotOnEnd: e.target.checked } })} /> store a PNG of the scan plot in the
        dataset when a scan ends
      </label>
      <CompressionSelect ariaPrefix="scan " value={scan} onChange={(patch) => update({ scan: patch })} />
    </div>
  );
}
