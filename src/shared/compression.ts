// The compression choices for scan files and continuous saving: a library plus a level, as PyMoDAQ offers them.
// Only codecs a common reader can read are offered (h5py with hdf5plugin, or Debian's filter plugin packages;
// docs/file-format.md says which reader needs what). Shared: the UI lists them, the CLI parses them, the
// backend validates and writes them.
import { z } from 'zod';

export const COMPRESSION_LIBS = ['none', 'gzip', 'blosc-lz4', 'blosc-zstd', 'bitshuffle-lz4', 'lz4', 'bzip2'] as const;
export const CompressionLib = z.enum(COMPRESSION_LIBS);
export type CompressionLib = z.infer<typeof CompressionLib>;

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

/**
 * Parses the CLI form `LIB[:LEVEL]` (e.g. `gzip:1`, `blosc-lz4:5`, `bitshuffle-lz4`); a text that is not one of
 * the choices gives a message saying what is accepted.
 */
export function parseCompressionSpec(text: string): { ok: true; lib: CompressionLib; level: number } | { ok: false; message: string } {
  const m = /^([a-z0-9-]+)(?::(\d+))?$/.exec(text.trim());
  const libs = COMPRESSION_LIBS.join(', ');
  const lib = m ? CompressionLib.safeParse(m[1]) : undefined;
  if (!m || !lib?.success) return { ok: false, message: `--compression is LIB or LIB:LEVEL with LIB one of ${libs}, got "${text}"` };
  const choice = compressionChoice(lib.data);
  if (m[2] === undefined) return { ok: true, lib: lib.data, level: lib.data === 'none' ? 0 : DEFAULT_LEVEL };
  const level = Number(m[2]);
  if (!choice.levels) return { ok: false, message: `${lib.data} takes no level; give --compression ${lib.data}` };
  if (level < choice.levels.min || level > choice.levels.max) return { ok: false, message: `the level of ${lib.data} is from ${choice.levels.min} to ${choice.levels.max}, got ${level}` };
  return { ok: true, lib: lib.data, level };
}
