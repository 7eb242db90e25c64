// docs/architecture.md is the newcomer's map (issue 12): every source file it names must exist, and every hook it
// names must still be exported by the renderer, so the page cannot silently go stale when code moves. A path is
// resolved the way the page writes it — relative to its section's folder (src/main, src/renderer, src/shared),
// src/ or the repository root; a bare file name must exist somewhere in the code, tests or scripts.
import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const BASES = ['src/main', 'src/renderer', 'src/shared', 'src', '.'];
const SEARCHED = ['src', 'test', 'scripts', 'bench', 'bin'];

/** Path-like tokens ending in .ts, .tsx or .mjs (placeholders such as <panel> and globs are left out). */
export function pathTokens(text: string): string[] {
  const found = text.match(/[\w./<>*-]*\w\.(?:tsx|ts|mjs)\b/g) ?? [];
  return [...new Set(found.map((t) => t.replace(/^(?:\.\.?\/)+/, '')).filter((t) => !/[<>*]/.test(t)))];
}

function filesUnder(dir: string, out: Set<string>): Set<string> {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) filesUnder(p, out);
    else out.add(name);
  }
  return out;
}

const basenames = SEARCHED.reduce((acc, d) => filesUnder(join(root, d), acc), new Set<string>());

/** The tokens that name no existing file. */
export function missingPaths(tokens: string[]): string[] {
  return tokens.filter((t) => (t.includes('/') ? !BASES.some((b) => existsSync(join(root, b, t))) : !basenames.has(t)));
}

/** Hook names the page writes in backticks (`useScan`, `useScan()`, `useScanSetup(devices)`). */
function hookNames(text: string): string[] {
  return [...new Set([...text.matchAll(/`(use[A-Z]\w*)/g)].map((m) => m[1]!))];
}

function rendererExports(): string {
  const texts: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.tsx?$/.test(name)) texts.push(readFileSync(p, 'utf8'));
    }
  };
  walk(join(root, 'src/renderer'));
  return texts.join('\n');
}

const doc = readFileSync(join(root, 'docs/architecture.md'), 'utf8');

describe('docs/architecture.md names only what exists', () => {
  it('finds the paths it should check, and flags one that does not exist', () => {
    const tokens = pathTokens('see hooks/use-scan.ts, storage/nexus-writer.ts and `storage/no-such-file.ts`; panels/<panel>/X.tsx');
    expect(tokens).toEqual(['hooks/use-scan.ts', 'storage/nexus-writer.ts', 'storage/no-such-file.ts']);
    expect(missingPaths(tokens)).toEqual(['storage/no-such-file.ts']);
    expect(missingPaths(['no-such-module.ts', 'session.ts'])).toEqual(['no-such-module.ts']);
  });

  it('every file it names exists', () => {
    const tokens = pathTokens(doc);
    expect(tokens.length).toBeGreaterThan(50);
    expect(missingPaths(tokens), 'files named in docs/architecture.md that do not exist: fix the page').toEqual([]);
  });

  it('every hook it names is exported by the renderer', () => {
    const code = rendererExports();
    const hooks = hookNames(doc);
    expect(hooks.length).toBeGreaterThan(10);
    const missing = hooks.filter((h) => !new RegExp(`export (?:function|const) ${h}\\b`).test(code));
    expect(missing, 'hooks named in docs/architecture.md that no renderer module exports: fix the page').toEqual([]);
  });
});
