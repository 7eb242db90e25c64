// Every call through the dispatcher ends as an envelope: values for good calls, {code, message} for refusals
// and for errors the session raises. Nothing thrown escapes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher, type Dispatch } from '../../../src/main/dispatcher.ts';
import { Session } from '../../../src/main/session.ts';

let dir: string;
let session: Session;
let dispatch: Dispatch;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'daq-dispatch-'));
  session = new Session({ dataDir: join(dir, 'data'), basePath: join(dir, 'files'), instantMoves: true });
  dispatch = createDispatcher(session);
});
afterAll(async () => {
  await session.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('dispatcher', () => {
  it('returns the device list with the default motors and detectors', async () => {
    const r = await dispatch('listDevices', []);
    expect(r.ok).toBe(true);
    const names = (r as { value: { name: string }[] }).value.map((d) => d.name);
    for (const n of ['samx', 'samy', 'samz', 'omega', 'chi', 'phi', 'ttheta', 'det', 'diode1', 'spectrum1', 'eiger1']) expect(names).toContain(n);
  });

  it('reports the app version from package.json', async () => {
    const r = await dispatch('getAppInfo', []);
    expect(r).toMatchObject({ ok: true, value: { name: 'DAQ Studio', version: expect.stringMatching(/^\d+\.\d+\.\d+/) } });
  });

  it('turns a refused move into OUT_OF_LIMITS naming the limits, and leaves the motor where it was', async () => {
    const before = (await dispatch('getDevice', ['samx'])) as { ok: true; value: { position: number } };
    const r = await dispatch('moveMotor', ['samx', 1e6]);
    expect(r).toMatchObject({ ok: false, error: { code: 'OUT_OF_LIMITS', message: expect.stringMatching(/samx.*outside the limits \[-10, 10\]/) } });
    const after = (await dispatch('getDevice', ['samx'])) as { ok: true; value: { position: number } };
    expect(after.value.position).toBeCloseTo(before.value.position, 3);
  });

  it('turns an unknown device into UNKNOWN_DEVICE listing the known ones', async () => {
    const r = await dispatch('getDevice', ['nosuch']);
    expect(r).toMatchObject({ ok: false, error: { code: 'UNKNOWN_DEVICE', message: expect.stringContaining('samx') } });
  });

  it('refuses bad arguments before the session sees them', async () => {
    const r = await dispatch('moveMotor', ['samx', 'ten']);
    expect(r).toMatchObject({ ok: false, error: { code: 'BAD_ARGUMENTS' } });
  });

  it('moves a motor and reads it back', async () => {
    const r = await dispatch('moveMotor', ['samy', 2.5]);
    expect(r.ok).toBe(true);
    expect((r as { value: { position: number } }).value.position).toBeCloseTo(2.5, 3);
  });
});
