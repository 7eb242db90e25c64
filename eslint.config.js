// Lint rules, including the house rules that keep the rooms apart:
//  - src/renderer never imports src/main or Node; src/main never imports src/renderer;
//  - `electron` is imported only in src/main/electron/ and src/preload/.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const electronOnlyHere = {
  paths: [{ name: 'electron', message: 'Import electron only in src/main/electron/ or src/preload/ (so the rest runs and is tested in plain Node).' }],
};

export default tseslint.config(
  { ignores: ['.vitest/**', 'out/**', 'node_modules/**', 'dist/**', 'test-results/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['src/main/**/*.ts', 'src/shared/**/*.ts'],
    ignores: ['src/main/electron/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...electronOnlyHere,
          patterns: [{ group: ['**/renderer/**', '**/renderer'], message: 'src/main and src/shared never import the renderer.' }],
        },
      ],
    },
  },
  {
    files: ['src/main/electron/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/renderer/**'], message: 'src/main never imports the renderer.' }] }],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...electronOnlyHere,
          patterns: [
            { group: ['**/main/**', '**/main', '**/preload/**'], message: 'The renderer reaches the backend only through bridge.ts and src/shared.' },
            { group: ['node:*'], message: 'The renderer runs in a browser: no Node modules.' },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.{ts,mjs}', 'scripts/**/*.mjs', 'bin/**/*.mjs'],
    rules: { 'no-restricted-imports': ['error', electronOnlyHere] },
  },
  {
    files: ['test/e2e/electron-launch.test.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', performance: 'readonly' } },
  },
);
