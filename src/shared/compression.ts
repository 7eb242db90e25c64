// The compression choices for scan files and continuous saving: a library plus a level, as PyMoDAQ offers them.
// Only codecs a common reader can read are offered (h5py with hdf5plugin, or Debian's filter plugin packages;
// docs/file-format.md says which reader needs what). Shared: the UI lists them, the CLI parses them, the
// backend validates and writes them.
import { z } from 'zod';
import { COMPRESSION_LIBS, compressionChoice, DEFAULT_LEVEL } from './compression-choices.ts';

export * from './compression-choices.ts';

export const CompressionLib = z.enum(COMPRESSION_LIBS);
export type CompressionLib = z.infer<typeof CompressionLib>;

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
