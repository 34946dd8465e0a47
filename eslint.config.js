// Flat config: typescript-eslint's recommended rules plus the layering rules of STYLE.md §2.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const platformNotInModules = {
  group: ['**/platform', '**/platform/**'],
  message: 'Modules never import platform/ (STYLE.md §2): take what you need as a parameter.',
};
const kyselyOnlyInRepositories = {
  name: 'kysely',
  message: 'Only *.repository.ts imports Kysely (STYLE.md §6).',
};

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { console: 'readonly', process: 'readonly' },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Named exports only (STYLE.md §3).' },
      ],
    },
  },
  {
    // STYLE.md §2: `time` imports nothing at run time.
    files: ['packages/time/src/**/*.ts'],
    ignores: ['packages/time/src/**/*.test.ts', 'packages/time/src/test-support/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^(?![.]{1,2}/)', message: '@meanwhile/time has no dependencies.' }] },
      ],
    },
  },
  {
    // STYLE.md §2 and §6: modules never import platform code, and only repositories import Kysely.
    files: ['packages/server/src/modules/**/*.ts', 'packages/server/src/shared/**/*.ts'],
    ignores: ['**/*.test.ts', '**/*.repository.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [kyselyOnlyInRepositories], patterns: [platformNotInModules] },
      ],
    },
  },
  {
    files: ['packages/server/src/modules/**/*.repository.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [platformNotInModules] }] },
  },
  {
    // The web app (React): the rules of hooks, and STYLE.md §2: the app reaches the server only through
    // @meanwhile/api-client. Its end-to-end tests (test/) start a real server, so they may import it.
    files: ['packages/web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['packages/web/src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@meanwhile/server', '@meanwhile/server/*', '**/server/src/**'],
              message: 'The web app reaches the server only through @meanwhile/api-client (STYLE.md §2).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.config.{js,ts}', 'eslint.config.js'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
