// `npm run house:size` measures the house rules: src/main modules over 300 lines, src/renderer modules over 150
// (components readable at once), functions over 80 lines in .ts files only (a .tsx component is its file, so the
// module limit is its check); with no folder it reports both src/main and src/renderer.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const script = resolve('scripts/house-size.mjs');
const tmp = mkdtempSync(join(tmpdir(), 'house-size-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A function of `n` lines (declaration to closing brace). */
const fn = (name: string, n: number) => `export function ${name}() {\n${'  void 0;\n'.repeat(n - 2)}}\n`;
const filler = (n: number) => '// filler\n'.repeat(n);

function write(rel: string, text: string) {
  mkdirSync(join(tmp, rel, '..'), { recursive: true });
  writeFileSync(join(tmp, rel), text);
}

write('src/main/service.ts', filler(200) + fn('ok', 20)); // 220 lines: under the main limit of 300
write('src/main/big.ts', filler(300) + fn('small', 5)); // 305 lines
write('src/renderer/Panel.tsx', fn('Panel', 120) + filler(40)); // 160 lines, one 120-line component
write('src/renderer/Small.tsx', fn('Small', 100)); // 100 lines: the component is the file, under 150
write('src/renderer/hooks/use-thing.ts', fn('useThing', 90)); // a 90-line function in a .ts module

const run = (...args: string[]) => execFileSync(process.execPath, [script, ...args], { cwd: tmp, encoding: 'utf8' });

describe('house:size', () => {
  it('with no folder reports src/main against 300 lines and src/renderer against 150', () => {
    const out = run();
    expect(out).toMatch(/2 modules in src\/main; largest 305 lines; over 300: 1/);
    expect(out).toContain('src/main/big.ts');
    expect(out).not.toContain('service.ts');
    expect(out).toMatch(/3 modules in src\/renderer; largest 160 lines; over 150: 1/);
    expect(out).toMatch(/160 {2}src\/renderer\/Panel\.tsx/);
    expect(out).not.toMatch(/Small\.tsx/);
  });

  it('checks function length in .ts files only, not the component function of a .tsx file', () => {
    const out = run('src/renderer');
    expect(out).toMatch(/functions over 80 lines \(\.ts files\): 1/);
    expect(out).toMatch(/90 {2}useThing {2}src\/renderer\/hooks\/use-thing\.ts:1/);
    expect(out).not.toMatch(/ Panel {2}/);
    expect(out).not.toContain('src/main');
  });
});

describe('the house itself', () => {
  it('keeps the renderer\'s WebSocket bridge in named helpers, each function within 80 lines', () => {
    // socketBridge was one 83-line function (connection, message routing, calls and listeners in one closure).
    const out = execFileSync(process.execPath, [script, 'src/renderer/socket-bridge.ts'], { encoding: 'utf8' });
    expect(out).toMatch(/functions over 80 lines \(\.ts files\): 0/);
  });
});
