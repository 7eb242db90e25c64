// Measures the house rules of issue 12: no module in src/main over ~300 lines and no module in src/renderer over
// ~150 (item 6: the UI is small components, each readable at once), unless its first line is a "// Size …"
// comment that says why; no function over ~80 lines, unless the line above it says why ("// long: …").
// The function check applies to .ts files only (services, hooks, helpers). In a .tsx file a React component is
// one function that is the whole file (its state, hooks and JSX), so its function length is its module length:
// the module limit is the check, and counting the component again would only repeat the file.
// Prints the offenders per folder; exits 0 always (a report, not a gate).
// Usage: npm run house:size [-- folder …]   (no folder: src/main and src/renderer)
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

const roots = process.argv.length > 2 ? process.argv.slice(2) : ['src/main', 'src/renderer'];
const MAIN_MAX = 300;
const RENDERER_MAX = 150;
const FUNCTION_MAX = 80;

/** The module limit of a file: the renderer's is tighter than the rest of the code's. */
function moduleMax(file) {
  const rel = relative(process.cwd(), resolve(file)).split(sep).join('/');
  return rel === 'src/renderer' || rel.startsWith('src/renderer/') ? RENDERER_MAX : MAIN_MAX;
}

function* files(dir) {
  if (!statSync(dir).isDirectory()) {
    if (/\.tsx?$/.test(dir)) yield dir;
    return;
  }
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* files(p);
    else if (/\.tsx?$/.test(name)) yield p;
  }
}

function longFunctions(file, text, lines) {
  const out = [];
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const visit = (node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const start = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
      const end = sf.getLineAndCharacterOfPosition(node.end).line;
      const n = end - start + 1;
      if (n > FUNCTION_MAX) {
        const above = (lines[start - 1] ?? '').trim();
        const name = node.name?.getText(sf) ?? ts.SyntaxKind[node.kind];
        out.push({ where: `${file}:${start + 1}`, name, lines: n, why: /^\/\/ long:/.test(above) ? above : '' });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

function report(root) {
  const modules = [];
  const functions = [];
  for (const file of files(root)) {
    const text = readFileSync(file, 'utf8');
    const lines = text.split('\n');
    const why = /^\/\/ Size/.test(lines[0] ?? '') ? lines[0] : '';
    modules.push({ file, lines: lines.length - (text.endsWith('\n') ? 1 : 0), max: moduleMax(file), why });
    if (!file.endsWith('.tsx')) functions.push(...longFunctions(file, text, lines));
  }
  if (modules.length === 0) return console.log(`no modules in ${root}`);
  const limits = [...new Set(modules.map((m) => m.max))];
  const limit = limits.length === 1 ? `${limits[0]}` : `their limit (${RENDERER_MAX} in src/renderer, ${MAIN_MAX} elsewhere)`;
  const big = modules.filter((m) => m.lines > m.max).sort((a, b) => b.lines - a.lines);
  console.log(`${modules.length} modules in ${root}; largest ${Math.max(...modules.map((m) => m.lines))} lines; over ${limit}: ${big.length} (${big.filter((m) => !m.why).length} without a "// Size" first line)`);
  for (const m of big) console.log(`  ${String(m.lines).padStart(5)}  ${m.file}${m.why ? '  (says why)' : ''}`);
  console.log(`functions over ${FUNCTION_MAX} lines (.ts files): ${functions.length} (${functions.filter((f) => !f.why).length} without a "// long:" comment)`);
  for (const f of functions.sort((a, b) => b.lines - a.lines)) console.log(`  ${String(f.lines).padStart(5)}  ${f.name}  ${f.where}${f.why ? `  ${f.why}` : ''}`);
}

roots.forEach((root, i) => {
  if (i > 0) console.log('');
  report(root);
});
