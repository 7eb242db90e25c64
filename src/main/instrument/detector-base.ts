// What every simulated detector shares: the interface, the acquisition context, and the config helpers.
import type { DetectorInfo } from '../../shared/api.ts';
import { DaqError } from '../../shared/errors.ts';
import type { DetectorConfig } from './config.ts';
import type { Rng } from './rng.ts';

export interface AcquireContext {
  /** Current readback of a motor. */
  position(motor: string): number;
  /** Integration time in seconds (0 = as fast as possible). */
  expTime: number;
  rng: Rng;
  /** A frame-sized array to fill instead of allocating a new frame (2-D detectors): the caller owns it and no one
   * else references it any more (the Viewer's grab reuses frames the saver has copied, see acquisition/viewer.ts). */
  into?: Uint16Array;
}

export type DetectorValue = number | Float64Array | Uint16Array;

export interface Detector {
  readonly name: string;
  info(): DetectorInfo;
  acquire(ctx: AcquireContext): DetectorValue;
  /** The motors this detector's signal depends on (they must exist). */
  readonly motors: string[];
  /** The settings a user may change while the app runs, with their allowed ranges (the config's ranges). Settings
   * that change the shape of the data (channels, width, height) or the followed motor are not among them: a
   * running writer's datasets and a scan's descriptor depend on them. */
  tunable(): Record<string, [number, number]>;
  /** Sets one tunable setting; the caller has checked the key and the range. */
  tune(key: string, value: number): void;
}

/** exp_time 0 still counts something: treat it as 0.1 s of counting so values stay comparable. */
export const effectiveTime = (t: number) => (t > 0 ? t : 0.1);

export function num(cfg: DetectorConfig, key: string, fallback: () => number, lo: number, hi: number, name: string): number {
  const v = cfg[key];
  if (v === undefined) return fallback();
  if (typeof v !== 'number' || !Number.isFinite(v) || v < lo || v > hi) {
    throw new DaqError('CONFIG_ERROR', `detector ${name}: ${key} must be a number in [${lo}, ${hi}], got ${JSON.stringify(v)}.`);
  }
  return v;
}

export function base(name: string, cfg: DetectorConfig, ndim: 0 | 1 | 2, shape: number[], dtype: string, settings: Record<string, number | string | boolean>): DetectorInfo {
  return { kind: 'detector', name, ndim, shape, dtype, units: cfg.units, labels: ['detector'], settings: { type: cfg.type, ...settings } };
}
