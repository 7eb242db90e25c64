// The compression choice of scan files and continuous saving: a library, its level (when it takes one) and a
// one-line hint saying what the choice is good for (fast / small / compatible). Used by the Viewer's saving
// block, the Scan panel and Settings; ScanFileCompression binds it to the persisted scan settings.
import { COMPRESSION_CHOICES, compressionChoice, type CompressionLib } from '../../shared/compression.ts';
import { useSettings } from '../hooks/use-settings.ts';
import { useUpdateSettings } from '../hooks/use-update-settings.ts';

export interface CompressionValue {
  compression: CompressionLib;
  level: number;
}

export function CompressionSelect({ value, onChange, disabled, ariaPrefix = '' }: { value: CompressionValue; onChange: (patch: Partial<CompressionValue>) => void; disabled?: boolean; ariaPrefix?: string }) {
  const choice = compressionChoice(value.compression);
  const levels = choice.levels;
  return (
    <div className="compression">
      <div className="row">
        <label className="field">
          <span>Compression</span>
          <select aria-label={`${ariaPrefix}compression`} value={value.compression} disabled={disabled} onChange={(e) => onChange(pick(e.target.value as CompressionLib, value.level))}>
            {COMPRESSION_CHOICES.map((c) => (
              <option key={c.lib} value={c.lib}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{levels ? `Level (${levels.min}–${levels.max})` : 'Level'}</span>
          <input
            className="num small"
            aria-label={`${ariaPrefix}compression level`}
            type="number"
            min={levels?.min ?? 0}
            max={levels?.max ?? 9}
            value={value.level}
            disabled={disabled || !levels}
            onChange={(e) => levels && onChange({ level: Math.max(levels.min, Math.min(levels.max, Math.round(Number(e.target.value)))) })}
          />
        </label>
      </div>
      <p className="muted hint" data-testid={`${ariaPrefix.replace(/\s+/g, '-')}compression-hint`}>
        {choice.hint}
      </p>
    </div>
  );
}

/** A new library, with the level moved into its range (bzip2 has no level 0). */
function pick(lib: CompressionLib, level: number): Partial<CompressionValue> {
  const r = compressionChoice(lib).levels;
  return r && (level < r.min || level > r.max) ? { compression: lib, level: Math.max(r.min, Math.min(r.max, level)) } : { compression: lib };
}

/** The compression of scan files, kept in the settings (scan.compression, scan.level). */
export function ScanFileCompression({ disabled }: { disabled?: boolean }) {
  const update = useUpdateSettings();
  // The settings in effect: a change made in Settings or another window shows here too.
  const scan = useSettings()?.settings.scan;
  if (!scan) return null;
  return <CompressionSelect ariaPrefix="scan " disabled={disabled} value={scan} onChange={(patch) => update({ scan: patch })} />;
}
