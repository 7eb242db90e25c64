// The electronegativity gate passes on our sources and fails when a window is weakened.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'daq-eng-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function gate(input?: string) {
  return spawnSync(process.execPath, ['scripts/electronegativity.mjs', ...(input ? [input] : [])], { encoding: 'utf8', timeout: 120_000 });
}

describe('electronegativity gate', () => {
  it('finds no HIGH or MEDIUM issue in the app', () => {
    const r = gate();
    expect(r.stdout).toMatch(/0 HIGH\/MEDIUM/);
    expect(r.status, r.stdout + r.stderr).toBe(0);
  });

  for (const [what, from, to, id] of [
    ['contextIsolation off', 'contextIsolation: true', 'contextIsolation: false', 'CONTEXT_ISOLATION_JS_CHECK'],
    ['webSecurity off', 'webSecurity: true', 'webSecurity: false', 'WEB_SECURITY_JS_CHECK'],
    ['Auxclick allowed', "disableBlinkFeatures: 'Auxclick',", '', 'AUXCLICK_JS_CHECK'],
    ['sandbox off', 'sandbox: true', 'sandbox: false', 'SANDBOX_JS_CHECK'],
  ] as const) {
    it(`fails the run when ${what}`, () => {
      const copy = join(dir, what.replace(/\W/g, '_'));
      cpSync('src', copy, { recursive: true });
      const main = join(copy, 'main', 'electron', 'main.ts');
      const text = readFileSync(main, 'utf8');
      expect(text).toContain(from);
      writeFileSync(main, text.replace(from, to));
      const r = gate(copy);
      expect(r.stdout).toContain(id);
      expect(r.status).toBe(1);
    });
  }
});
