// A run's start document (bluesky's event model): what the scan is (plan, title, detectors, motors, points),
// how it can be reproduced (seed, app version, instrument config), the user's and the session's metadata, and the
// baseline positions of every motor labelled "motor".
import type { StartDoc } from '../../shared/documents.ts';
import type { Instrument } from '../instrument/instrument.ts';
import type { Plan } from './plans.ts';

export interface StartInputs {
  plan: Plan;
  opts: { detectors: string[]; expTime: number };
  uid: string;
  scanNumber: number;
  seed: number;
  md: Record<string, unknown>;
  startTime: number;
  /** Readbacks of the labelled motors (read through the run's devices, so their noise is the run's). */
  positions: Record<string, number>;
  instrument: Instrument;
  labelled: string[];
  appVersion: string;
  instrumentConfigText: string;
}

export function startDocument(i: StartInputs): StartDoc {
  const { plan, opts } = i;
  return {
    uid: i.uid,
    time: i.startTime,
    scan_number: i.scanNumber,
    plan_name: plan.name,
    plan_args: plan.args,
    detectors: opts.detectors,
    motors: plan.motors,
    num_points: plan.numPoints,
    title: plan.title,
    seed: i.seed,
    md: i.md,
    positioners_start: i.positions,
    positioner_units: Object.fromEntries(i.labelled.map((m) => [m, i.instrument.motor(m).units])),
    app_version: i.appVersion,
    instrument_config: i.instrumentConfigText,
    exp_time: opts.expTime,
    ...(plan.grid ? { grid: plan.grid } : {}),
  };
}
