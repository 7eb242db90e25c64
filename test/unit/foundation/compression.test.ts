// `--compression LIB[:LEVEL]` parses every library with its level range and refuses the rest with a sentence
// naming what is accepted; every choice maps to the registered HDF5 filter, and the Browser names filters found
// in files with their options.
import { describe, expect, it } from 'vitest';
import { datasetCompression, describeFilter } from '../../../src/main/storage/codecs.ts';
import { COMPRESSION_LIBS, parseCompressionSpec } from '../../../src/shared/compression.ts';

describe('compression choices', () => {
  it('parses LIB and LIB:LEVEL', () => {
    expect(parseCompressionSpec('gzip:1')).toEqual({ ok: true, lib: 'gzip', level: 1 });
    expect(parseCompressionSpec('gzip')).toEqual({ ok: true, lib: 'gzip', level: 4 });
    expect(parseCompressionSpec('blosc-lz4:5')).toEqual({ ok: true, lib: 'blosc-lz4', level: 5 });
    expect(parseCompressionSpec('blosc-zstd:9')).toEqual({ ok: true, lib: 'blosc-zstd', level: 9 });
    expect(parseCompressionSpec('bitshuffle-lz4')).toMatchObject({ ok: true, lib: 'bitshuffle-lz4' });
    expect(parseCompressionSpec('bzip2:1')).toEqual({ ok: true, lib: 'bzip2', level: 1 });
    expect(parseCompressionSpec('none')).toEqual({ ok: true, lib: 'none', level: 0 });
  });

  it('refuses unknown libraries, levels out of range and levels where none applies', () => {
    expect(parseCompressionSpec('lzf')).toMatchObject({ ok: false, message: expect.stringMatching(/LIB one of none, gzip, blosc-lz4, blosc-zstd, bitshuffle-lz4, lz4, bzip2/) });
    expect(parseCompressionSpec('gzip:12')).toMatchObject({ ok: false, message: expect.stringMatching(/from 0 to 9/) });
    expect(parseCompressionSpec('bzip2:0')).toMatchObject({ ok: false, message: expect.stringMatching(/from 1 to 9/) });
    expect(parseCompressionSpec('lz4:3')).toMatchObject({ ok: false, message: expect.stringMatching(/lz4 takes no level/) });
    expect(parseCompressionSpec('gzip:')).toMatchObject({ ok: false });
  });

  it('maps each choice to its registered filter and options', () => {
    expect(datasetCompression('none', 4)).toEqual({});
    expect(datasetCompression('gzip', 1)).toEqual({ compression: 'gzip', compression_opts: 1 });
    expect(datasetCompression('blosc-lz4', 5)).toEqual({ compression: 32001, compression_opts: [0, 0, 0, 0, 5, 1, 1] });
    expect(datasetCompression('blosc-zstd', 3)).toEqual({ compression: 32001, compression_opts: [0, 0, 0, 0, 3, 1, 5] });
    expect(datasetCompression('bitshuffle-lz4', 4)).toEqual({ compression: 32008, compression_opts: [0, 2] });
    expect(datasetCompression('lz4', 4)).toEqual({ compression: 32004, compression_opts: [0] });
    expect(datasetCompression('bzip2', 0)).toEqual({ compression: 307, compression_opts: [1] });
    for (const lib of COMPRESSION_LIBS) expect(datasetCompression(lib, 4)).toBeDefined();
  });

  it('names filters found in a file with their options', () => {
    expect(describeFilter({ id: 1, name: 'deflate', cd_values: [4] })).toBe('deflate (gzip level 4)');
    expect(describeFilter({ id: 32001, name: 'HDF5 blosc filter; see https://…', cd_values: [2, 2, 2, 524288, 5, 1, 5] })).toBe('blosc (zstd, level 5, byte shuffle) [32001]');
    expect(describeFilter({ id: 32008, name: 'bitshuffle; see …', cd_values: [0, 4, 2, 0, 2] })).toBe('bitshuffle + lz4 [32008]');
    expect(describeFilter({ id: 32026, name: 'HDF5 blosc2 filter; see https://…', cd_values: [] })).toBe('HDF5 blosc2 filter [32026]');
  });
});
