// Measures the house rule of issue 12: no module in src/main over ~300 lines (unless its first line is a
// "// Size …" comment that says why), no function over ~80 lines (unless the line above it says why, "// long: …").
// Prints the offenders; exits 0 always (a report, not a gate). Usage: npm run house:size [-- folder]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

const root = process.argv[2] ?? 'src/main';
const MODULE_MAX = 300;
const FUNCTION_MAX = 80;

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* files(p);
    else if (/\.tsx?$/.test(name)) yield p;
  }
}

const modules = [];
const functions = [];
for (const file of files(root)) {
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n');
  const why = /^\/\/ Size/.test(lines[0] ?? '') ? lines[0] : '';
  modules.push({ file, lines: lines.length - (text.endsWith('\n') ? 1 : 0), why });
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const visit = (node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const start = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
      const end = sf.getLineAndCharacterOfPosition(node.end).line;
      const n = end - start + 1;
      if (n > FUNCTION_MAX) {
        const above = (lines[start - 1] ?? '').trim();
        const name = node.name?.getText(sf) ?? ts.SyntaxKind[node.kind];
        functions.push({ where: `${file}:${start + 1}`, name, lines: n, why: /^\/\/ long:/.test(above) ? above : '' });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
}

const big = modules.filter((m) => m.lines > MODULE_MAX).sort((a, b) => b.lines - a.lines);
console.log(`${modules.length} modules in ${root}; largest ${Math.max(...modules.map((m) => m.lines))} lines; over ${MODULE_MAX}: ${big.length} (${big.filter((m) => !m.why).length} without a "// Size" first line)`);
for (const m of big) console.log(`  ${String(m.lines).padStart(5)}  ${m.file}${m.why ? '  (says why)' : ''}`);
console.log(`functions over ${FUNCTION_MAX} lines: ${functions.length} (${functions.filter((f) => !f.why).length} without a "// long:" comment)`);
for (const f of functions.sort((a, b) => b.lines - a.lines)) console.log(`  ${String(f.lines).padStart(5)}  ${f.name}  ${f.where}${f.why ? `  ${f.why}` : ''}`);
