// A scan request from outside (UI, CLI, script) becomes a plan: validated against the contract's schema (the
// first problem named, with its field), motor moves another process made picked up first, and relative scans
// built around the motors' setpoints now.
import { DaqError } from '../../shared/errors.ts';
import { ScanRequest, type ParsedScanRequest } from '../../shared/scans.ts';
import type { Instrument } from '../instrument/instrument.ts';
import type { RunEngine } from './engine.ts';
import { buildPlan, type Plan } from './plans.ts';

/** Picks up motor moves another process (`daq move`) made, unless a scan drives the motors now. */
export function syncMotors(instrument: Instrument, engine: RunEngine): void {
  if (engine.state === 'idle') instrument.syncPositions();
}

/** Validates a request and builds its plan (relative scans read the motors now). */
export function planScan(request: ScanRequest, instrument: Instrument, engine: RunEngine): { plan: Plan; req: ParsedScanRequest } {
  const parsed = ScanRequest.safeParse(request);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    throw new DaqError('BAD_ARGUMENTS', `scan request: ${i.path.join('.') || 'request'}: ${i.message}.`);
  }
  const req = parsed.data;
  syncMotors(instrument, engine);
  const plan = buildPlan(req, (m) => instrument.motor(m).setpoint);
  return { plan, req };
}
