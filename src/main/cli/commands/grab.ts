// `daq grab <detector> --frames N [--save]`: acquires N frames (or points) like the Viewer's Grab and, with
// --save, saves them continuously to <base>/<YYYY>/<YYYYMMDD>/<base name>_<date>_<time>.h5.
import { parseCompressionSpec, type CompressionLib } from '../../../shared/compression.ts';
import { UsageError, type Command } from '../command.ts';
import { prestartWriterThread } from '../../storage/writer-thread.ts';
import { onPreset, setName } from './saved-sets.ts';

/** `--compression LIB[:LEVEL]` (src/shared/compression.ts lists the libraries). */
export function parseCompression(text: string): { compression: CompressionLib; level: number } {
  const r = parseCompressionSpec(text);
  if (!r.ok) throw new UsageError(r.message);
  return { compression: r.lib, level: r.level };
}

/** `--exp-time S`: seconds from 0 to 3600, written as a number (an empty or non-numeric value is refused). */
function expTime(text: string): number {
  const n = Number(text);
  if (text.trim() === '' || !(n >= 0 && n <= 3600)) throw new UsageError(`--exp-time is seconds from 0 to 3600, got "${text}"`);
  return n;
}

export const grab: Command = {
  name: 'grab',
  usage: 'daq grab <detector> --frames N [--save] [--base-name NAME] [--compression LIB[:LEVEL]] [--exp-time S] [--preset NAME] [--json]',
  summary: 'Acquire N frames of a detector; with --save, save them continuously to a new file.',
  options: {
    frames: { type: 'string' },
    save: { type: 'boolean', default: false },
    'base-name': { type: 'string' },
    compression: { type: 'string' },
    'exp-time': { type: 'string' },
    preset: { type: 'string' },
  },
  async run(ctx) {
    const [detector] = ctx.positionals;
    if (!detector) throw new UsageError('give a detector, e.g. eiger1');
    const frames = Number(ctx.values.frames);
    if (!Number.isInteger(frames) || frames < 1) throw new UsageError(`--frames must be a whole number ≥ 1, got "${String(ctx.values.frames ?? '')}"`);
    const preset = typeof ctx.values.preset === 'string' ? setName(ctx.values.preset, '"low noise" (`daq presets list DETECTOR` lists them)') : undefined;
    // The writer thread loads h5wasm while this thread opens the session (as `daq scan` does).
    if (ctx.values.save) prestartWriterThread();
    const s = await ctx.session();
    try {
      s.instrument.detector(detector);
      // A preset first (the Viewer's Load), so an explicit --exp-time still wins.
      if (preset !== undefined) await onPreset(s, detector, preset, () => s.api.applyDetectorPreset(detector, preset));
      if (typeof ctx.values['exp-time'] === 'string') s.viewer.setExpTime(detector, expTime(ctx.values['exp-time']));
      const options: { baseName?: string; compression?: CompressionLib; level?: number } = {};
      if (typeof ctx.values['base-name'] === 'string') options.baseName = ctx.values['base-name'];
      if (typeof ctx.values.compression === 'string') Object.assign(options, parseCompression(ctx.values.compression));
      if (Object.keys(options).length) await s.api.setSaverOptions(options);
      const t0 = performance.now();
      // The saver is told how many frames are planned, so the file's num_points_planned is right.
      if (ctx.values.save) await s.saver.setDoSave(true, detector, frames);
      const n = await s.viewer.grab(detector, frames);
      if (ctx.values.save) await s.api.setDoSave(false);
      const seconds = (performance.now() - t0) / 1000;
      const st = s.saver.status();
      if (st.error) throw new UsageError(`saving failed: ${st.error}`);
      const file = ctx.values.save ? s.saver.lastFile : '';
      if (ctx.json) ctx.out(JSON.stringify({ file, frames: n, seconds, bytes: st.fileBytes }));
      else ctx.out(`${n} frame(s) of ${detector} in ${seconds.toFixed(2)} s${file ? `, saved to ${file} (${st.fileBytes} bytes)` : ''}`);
      return 0;
    } finally {
      await s.close();
    }
  },
};
