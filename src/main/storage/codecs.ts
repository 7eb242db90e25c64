// HDF5 filter ids and options for each compression choice (src/shared/compression.ts), in the form h5wasm's
// create_dataset takes, and the reverse: a readable name for a filter found in a file (the Browser's metadata
// pane). Filter ids are the registered ones (https://github.com/HDFGroup/hdf5_plugins, RegisteredFilterPlugins).
import { effectiveLevel, type CompressionLib } from '../../shared/compression.ts';

export const FILTER = { deflate: 1, bzip2: 307, blosc: 32001, lz4: 32004, bitshuffle: 32008, zstd: 32015 } as const;

/**
 * The plugin filters our choices write, with how their H5Z class names itself (the start of its name): chunks of
 * these can be compressed in the compressor thread (compressor-worker.ts), found by this name in HDF5's table.
 */
export const PLUGIN_FILTER_NAMES: ReadonlyMap<number, string> = new Map([
  [FILTER.blosc, 'HDF5 blosc filter'],
  [FILTER.bitshuffle, 'bitshuffle'],
  [FILTER.lz4, 'HDF5 lz4 filter'],
  [FILTER.bzip2, 'HDF5 bzip2 filter'],
]);

// blosc's compressor codes (cd_values[6]) and shuffle modes (cd_values[5]).
const BLOSC_COMPRESSORS = ['blosclz', 'lz4', 'lz4hc', 'snappy', 'zlib', 'zstd'];
const BLOSC_SHUFFLE = ['no shuffle', 'byte shuffle', 'bit shuffle'];

export interface DatasetCompression {
  compression?: 'gzip' | number;
  compression_opts?: number | number[];
}

/** create_dataset options for a choice; {} for none. */
export function datasetCompression(lib: CompressionLib, level: number): DatasetCompression {
  const l = effectiveLevel(lib, level);
  switch (lib) {
    case 'none':
      return {};
    case 'gzip':
      return { compression: 'gzip', compression_opts: l };
    // blosc: the first four values are filled in by the filter (version, type size, chunk bytes); then level,
    // shuffle (1 = byte shuffle), compressor.
    case 'blosc-lz4':
      return { compression: FILTER.blosc, compression_opts: [0, 0, 0, 0, l, 1, 1] };
    case 'blosc-zstd':
      return { compression: FILTER.blosc, compression_opts: [0, 0, 0, 0, l, 1, 5] };
    // bitshuffle: block size 0 (automatic), compression 2 = LZ4, the Eiger/Jungfrau setting.
    case 'bitshuffle-lz4':
      return { compression: FILTER.bitshuffle, compression_opts: [0, 2] };
    // lz4: block size 0 (the filter's default, 1 GiB cap per block).
    case 'lz4':
      return { compression: FILTER.lz4, compression_opts: [0] };
    case 'bzip2':
      return { compression: FILTER.bzip2, compression_opts: [l] };
  }
}

/** Whether a choice writes with a plugin filter (compressed ahead in the writer's compressor thread). */
export function usesPluginFilter(lib: CompressionLib): boolean {
  return typeof datasetCompression(lib, 0).compression === 'number';
}

/** A filter as h5wasm reports it, named with its options, e.g. "blosc (lz4, level 5, byte shuffle)". */
export function describeFilter(f: { id: number; name?: string; cd_values?: number[] }): string {
  const cd = f.cd_values ?? [];
  switch (f.id) {
    case FILTER.deflate:
      return `deflate (gzip level ${cd[0] ?? '?'})`;
    case 2:
      return 'shuffle';
    case 3:
      return 'fletcher32';
    case 4:
      return 'szip';
    case 5:
      return 'nbit';
    case 6:
      return 'scaleoffset';
    case FILTER.bzip2:
      return `bzip2 (level ${cd[0] ?? '?'}) [307]`;
    case FILTER.blosc: {
      const comp = BLOSC_COMPRESSORS[cd[6] ?? 0] ?? `compressor ${cd[6]}`;
      const shuffle = BLOSC_SHUFFLE[cd[5] ?? 1] ?? `shuffle ${cd[5]}`;
      return `blosc (${comp}, level ${cd[4] ?? 5}, ${shuffle}) [32001]`;
    }
    case FILTER.lz4:
      return 'lz4 [32004]';
    case FILTER.bitshuffle: {
      // The filter stores [major, minor, element size, block size, compression]; compression 2 = LZ4, 3 = zstd.
      const comp = cd[4] === 2 ? ' + lz4' : cd[4] === 3 ? ` + zstd level ${cd[5] ?? '?'}` : '';
      return `bitshuffle${comp} [32008]`;
    }
    case FILTER.zstd:
      return `zstd (level ${cd[0] ?? '?'}) [32015]`;
    default: {
      // Plugins name themselves with a sentence and a URL: keep the words before the first ';'.
      const name = (f.name ?? '').split(';')[0]!.trim();
      return `${name || 'filter'} [${f.id}]`;
    }
  }
}
