// The compression choices for scan files and continuous saving (a library plus a level) and the level each
// library really uses, without zod: the scan writer's thread needs only these, and loading zod there would add
// to the time before a scan's first point (docs/benchmarks.md, "CLI whole-command speed"). compression.ts
// re-exports all of it with the schema and the CLI parser.

export const COMPRESSION_LIBS = ['none', 'gzip', 'blosc-lz4', 'blosc-zstd', 'bitshuffle-lz4', 'lz4', 'bzip2'] as const;
export type CompressionLib = (typeof COMPRESSION_LIBS)[number];

export interface CompressionChoice {
  lib: CompressionLib;
  /** What the select shows. */
  label: string;
  /** One line under the select: fast / small / compatible. */
  hint: string;
  /** The levels the library takes; undefined when it has none (the level is then ignored). */
  levels?: { min: number; max: number };
}

export const COMPRESSION_CHOICES: readonly CompressionChoice[] = [
  { lib: 'none', label: 'none', hint: 'Fastest and readable everywhere; the largest files.' },
  { lib: 'gzip', label: 'gzip (deflate)', hint: 'Compatible: every HDF5 reader opens it, no plugin needed; slow at high levels.', levels: { min: 0, max: 9 } },
  { lib: 'blosc-lz4', label: 'blosc LZ4 + shuffle', hint: 'Fastest compression; readers need the blosc plugin (hdf5plugin).', levels: { min: 0, max: 9 } },
  { lib: 'blosc-zstd', label: 'blosc Zstd + shuffle', hint: 'Small files at good speed; readers need the blosc plugin (hdf5plugin).', levels: { min: 0, max: 9 } },
  { lib: 'bitshuffle-lz4', label: 'bitshuffle + LZ4', hint: 'Fast and small for detector images (the Eiger/Jungfrau codec); readers need bitshuffle.' },
  { lib: 'lz4', label: 'LZ4', hint: 'Fast, modest ratio; readers need the lz4 plugin (hdf5plugin).' },
  { lib: 'bzip2', label: 'bzip2', hint: 'Smallest of the classic codecs but slow; readers need the bzip2 plugin (hdf5plugin).', levels: { min: 1, max: 9 } },
];

export function compressionChoice(lib: CompressionLib): CompressionChoice {
  return COMPRESSION_CHOICES.find((c) => c.lib === lib) ?? COMPRESSION_CHOICES[0]!;
}

/** The level a library really uses: clamped into its range (bzip2 has no level 0). */
export function effectiveLevel(lib: CompressionLib, level: number): number {
  const r = compressionChoice(lib).levels;
  return r ? Math.max(r.min, Math.min(r.max, Math.round(level))) : 0;
}

/** Default level when `LIB` is given without `:LEVEL`. */
export const DEFAULT_LEVEL = 4;
