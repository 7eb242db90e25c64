// Bad input beyond the Api: random command lines for `daq` (every run ends with exit code 0, 1 or 2 and, when it
// fails, a sentence — never a stack trace — and nothing is written outside the given folders), and damaged HDF5
// files for the Browser (truncated at random places, bytes flipped: a DaqError or a readable file, never a crash).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DaqError } from '../../../src/shared/errors.ts';
import { H5Provider } from '../../../src/main/h5browse/provider.ts';
import { specFileProblem } from '../../../src/main/export/spec.ts';
import { openSession } from '../../../src/main/session.ts';
import { rng } from '../../helpers/seeded-random.ts';

const dir = mkdtempSync(join(tmpdir(), 'daq-input-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const COMMANDS = ['scan', 'move', 'devices', 'history', 'show', 'read', 'export', 'grab', 'metadata', 'catalog', 'positions', 'presets', 'version', 'frobnicate'];
const TOKENS = ['line', 'grid', 'count', 'list', 'multi', 'samx', 'samy', 'det', 'eiger1', 'nope', '-1', '0', '1', '3', '1e9', 'NaN', 'Infinity', '-0.5',
  '--steps', '--points', '--exp-time', '--json', '--relative', '--snake', '--detectors', '--md', '--file', '--frames', '--save', '--compression', 'gzip:12', 'gzip:3', 'none',
  '--since', '--until', '--plan', '--limit', '-o', '--append', 'spec', 'csv', 'rebuild', 'set', 'list', 'remove', 'sample', 'name',
  '{"a":1}', '[1,2]', '{', '../../etc/passwd', '/etc/passwd', '2026-13-45', 'x'.repeat(300), '__proto__', '--', '-x', '--nope',
  'save', 'goto', 'apply', 'delete', '--preset', 'det:x', '--set', 'noise=99', 'noise=0.1', ''];

describe('daq command lines', () => {
  it('end with exit code 0, 1 or 2 and a sentence, for 60 random command lines', () => {
    const r = rng(Number(process.env.DAQ_FUZZ_SEED ?? 7));
    const cwdBefore = readdirSync(process.cwd()).sort();
    const homeData = existsSync(join(homedir(), 'daq-data'));
    for (let i = 0; i < 60; i++) {
      const args = [COMMANDS[Math.floor(r() * COMMANDS.length)]!, ...Array.from({ length: Math.floor(r() * 6) }, () => TOKENS[Math.floor(r() * TOKENS.length)]!)];
      // Outputs a fuzzed export may write go into the temp folder: run there.
      const res = spawnSync(process.execPath, [join(process.cwd(), 'bin/daq.mjs'), ...args, '--instant-moves', '--data-dir', join(dir, 'data'), '--base-path', join(dir, 'files')], { encoding: 'utf8', timeout: 30_000, cwd: dir });
      const where = `daq ${args.join(' ')} → ${res.status}: ${res.stderr.slice(0, 300)}`;
      expect([0, 1, 2], where).toContain(res.status);
      expect(res.stderr, where).not.toMatch(/unexpected error|\n\s+at .*\(.*:\d+:\d+\)/);
      if (res.status !== 0) expect(res.stderr.trim().length, where).toBeGreaterThan(10);
    }
    expect(readdirSync(process.cwd()).sort()).toEqual(cwdBefore);
    expect(existsSync(join(homedir(), 'daq-data'))).toBe(homeData);
  }, 600_000); // 60 processes one after the other: minutes on a busy 2-core machine, seconds on an idle one
});

describe('damaged HDF5 files in the Browser', () => {
  it('give a DaqError or a readable file, never a crash, for truncated and bit-flipped scan files', async () => {
    const s = await openSession({ dataDir: join(dir, 'd2'), basePath: join(dir, 'f2'), instantMoves: true });
    const r = await s.scan({ type: 'line', motor: 'samx', start: 0, stop: 1, points: 20, detectors: ['det', 'spectrum1'] });
    await s.close();
    const bytes = readFileSync(r.file);
    const rand = rng(11);
    const p = new H5Provider();
    let opened = 0;
    let refused = 0;
    for (let i = 0; i < 30; i++) {
      const copy = Buffer.from(i % 2 === 0 ? bytes.subarray(0, Math.floor(rand() * bytes.length)) : bytes);
      if (i % 2 === 1) {
        for (let k = 0; k < 20; k++) {
          const at = Math.floor(rand() * copy.length);
          copy[at] = copy[at]! ^ 0xff;
        }
      }
      const file = join(dir, `damaged-${i}.h5`);
      writeFileSync(file, copy);
      try {
        const f = await p.open(file);
        opened++;
        // Walk what can be walked: every failure must be a DaqError.
        const walk = (path: string, depth: number) => {
          for (const n of p.children(f.id, path)) {
            try {
              p.info(f.id, n.path);
              if (n.kind === 'dataset' && n.shape && n.shape.length === 1) p.slice(f.id, n.path, [[0, Math.min(5, n.shape[0]!)]]);
              if (n.kind === 'group' && depth < 3) walk(n.path, depth + 1);
            } catch (err) {
              expect(err, `${file} ${n.path}`).toBeInstanceOf(DaqError);
            }
          }
        };
        try {
          walk('/', 0);
        } catch (err) {
          expect(err).toBeInstanceOf(DaqError);
        }
        p.close(f.id);
      } catch (err) {
        refused++;
        expect(err, file).toBeInstanceOf(DaqError);
      }
    }
    expect(opened + refused).toBe(30);
  }, 120_000);
});

describe('existing SPEC files of any content', () => {
  it('append continues after whatever #S numbers an odd SPEC file holds; a file that is not SPEC is refused untouched; nothing is ever lost', async () => {
    const s = await openSession({ dataDir: join(dir, 'd3'), basePath: join(dir, 'f3'), instantMoves: true });
    await s.scan({ type: 'count', points: 2 });
    const rand = rng(5);
    let appended = 0;
    let refused = 0;
    for (let i = 0; i < 20; i++) {
      // Half start like SPEC; binary bytes or lines before any #F/#S make a file that is not SPEC (#11 item 8).
      const lines = Array.from({ length: 40 }, () => ['#S ', '#S 99  x', '#S abc', '#O0 a  b', '#L x  y', '\u0000\u00ff', '1 2 3', '#S -5 neg', ''][Math.floor(rand() * 9)]);
      const junk = i % 2 === 0 ? ['#F old.spec', ...lines.filter((l) => !l!.includes('\u0000'))].join('\n') : lines.join('\n');
      const file = join(dir, `junk-${i}.spec`);
      writeFileSync(file, junk);
      const isSpec = specFileProblem(Buffer.from(junk)) === undefined;
      const r = await s.api.exportSpec(['-1'], file, true).catch((err: DaqError) => err);
      const text = readFileSync(file, 'utf8');
      expect(text.startsWith(junk)).toBe(true); // nothing lost
      if (!isSpec) {
        expect(r).toMatchObject({ code: 'BAD_ARGUMENTS', message: expect.stringMatching(/not a SPEC file/) });
        expect(text).toBe(junk);
        refused++;
        continue;
      }
      appended++;
      const numbers = [...junk.matchAll(/^#S (\d+)/gm)].map((m) => Number(m[1]));
      const count = (junk.match(/^#S /gm) ?? []).length;
      expect((r as { scans: { specNumber: number }[] }).scans[0]!.specNumber).toBe(Math.max(count, ...numbers, 0) + 1);
    }
    expect(appended).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
    await s.close();
  });
});
