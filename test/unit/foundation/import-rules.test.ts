// The house rules are enforced by ESLint: the renderer cannot import main-process code or Node, main cannot
// import the renderer, and electron is imported only in src/main/electron/ and src/preload/.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function ruleIds(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('import rules', () => {
  const cases: [string, string][] = [
    ['src/renderer/panels/Bad.tsx', "import { Session } from '../../main/session.ts';\nexport const x = Session;\n"],
    ['src/renderer/Bad.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n"],
    ['src/renderer/Bad2.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n"],
    ['src/main/storage/Bad.ts', "import { app } from 'electron';\nexport const x = app;\n"],
    ['src/main/Bad.ts', "import { App } from '../renderer/App.tsx';\nexport const x = App;\n"],
    ['src/shared/Bad.ts', "import { BrowserWindow } from 'electron';\nexport const x = BrowserWindow;\n"],
  ];
  for (const [file, code] of cases) {
    it(`bites in ${file}`, async () => {
      expect(await ruleIds(file, code)).toContain('no-restricted-imports');
    });
  }

  const allowed: [string, string][] = [
    ['src/main/electron/Ok.ts', "import { app } from 'electron';\nexport const x = app;\n"],
    ['src/preload/Ok.ts', "import { contextBridge } from 'electron';\nexport const x = contextBridge;\n"],
    ['src/renderer/Ok.ts', "import { methods } from '../shared/api.ts';\nexport const x = methods;\n"],
    ['src/main/Ok.ts', "import { methods } from '../shared/api.ts';\nexport const x = methods;\n"],
  ];
  for (const [file, code] of allowed) {
    it(`allows ${file}`, async () => {
      expect(await ruleIds(file, code)).not.toContain('no-restricted-imports');
    });
  }
});
