// What the panels read from what users type: a motor setpoint ("+1" relative, "-1" absolute), a scan form
// against the motors' limits, and HDF5 type codes shown as numpy names.
import { describe, expect, it } from 'vitest';
import { parseMotorTarget, resolveTarget } from '../../../src/renderer/panels/motor-target.ts';
import { numpyDtypeName } from '../../../src/renderer/panels/dtype-names.ts';
import { DEFAULT_FORM, firstProblem, validate, type MotorLimits } from '../../../src/renderer/panels/scan/scan-form.ts';

describe('motor setpoint', () => {
  it('reads absolute and relative targets', () => {
    expect(resolveTarget(parseMotorTarget('5'), 2)).toBe(5);
    expect(resolveTarget(parseMotorTarget('-1'), 2)).toBe(-1);
    expect(resolveTarget(parseMotorTarget('+1'), 2)).toBe(3);
    expect(resolveTarget(parseMotorTarget('+=0.5'), 2)).toBe(2.5);
    expect(resolveTarget(parseMotorTarget('-=2'), 2)).toBe(0);
    expect(resolveTarget(parseMotorTarget(' 1e-3 '), 2)).toBe(0.001);
  });
  it('refuses what is not a plain decimal number', () => {
    for (const t of ['', 'abc', '0x10', '1,5', '+=', '--1', 'Infinity']) expect(parseMotorTarget(t).kind).toBe('invalid');
  });
});

describe('scan form', () => {
  const motors = new Map<string, MotorLimits>([
    ['samx', { limits: [-10, 10], position: 9 }],
    ['samy', { limits: [-10, 10], position: 0 }],
  ]);
  const line = (patch: Partial<(typeof DEFAULT_FORM)['axes'][number]>, more: Partial<typeof DEFAULT_FORM> = {}) => ({ ...DEFAULT_FORM, axes: [{ ...DEFAULT_FORM.axes[0]!, ...patch }, DEFAULT_FORM.axes[1]!], ...more });
  it('accepts the default form', () => expect(validate(DEFAULT_FORM, motors)).toEqual({}));
  it('refuses ends outside the limits, also for a relative scan counted from the position', () => {
    expect(validate(line({ start: '-20' }), motors)['axis0.start']).toMatch(/outside the limits \[-10, 10\]/);
    expect(validate(line({ start: '0', stop: '2' }, { relative: true }), motors)['axis0.stop']).toMatch(/11 is outside/);
  });
  it('refuses exposure 0, start = stop, huge counts and no detector, and names the first problem', () => {
    expect(validate({ ...DEFAULT_FORM, expTime: '0' }).expTime).toMatch(/> 0/);
    expect(validate(line({ start: '1', stop: '1' }))['axis0.stop']).toMatch(/equal to start/);
    expect(validate(line({ start: '1', stop: '1' }, { points: '1' }))['axis0.stop']).toBeUndefined();
    expect(validate({ ...DEFAULT_FORM, points: '100000000' }).points).toMatch(/at most 10,000,000/);
    expect(validate({ ...DEFAULT_FORM, type: 'grid', axes: DEFAULT_FORM.axes.map((a) => ({ ...a, points: '5000' })) }).gridTotal).toMatch(/25,000,000 points in all/);
    expect(firstProblem(validate({ ...DEFAULT_FORM, detectors: [] }))).toBe('Fix detectors: choose at least one detector');
  });
});

describe('dtype names', () => {
  it('shows numpy names for HDF5 type codes', () => {
    expect(['<H', '<d', '<f', '|u1', '<i8', '>f4', '|b1', '<c16', 'compound'].map(numpyDtypeName)).toEqual(['uint16', 'float64', 'float32', 'uint8', 'int64', 'float32 (big-endian)', 'bool', 'complex128', 'compound']);
  });
});
