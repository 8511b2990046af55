import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';

const ELECTRON = { name: 'electron', message: 'Only src/main may use Electron.' };
/** Any relative import that reaches into another layer's folder. */
const layer = (name) => ({
  group: [`**/${name}/**`, `**/${name}`],
  message: `This layer may not import src/${name} (see design.md: the layers and their borders).`,
});
const NODE_BUILTINS = {
  group: ['node:*', ...builtinModules],
  message: 'Node is not available here; this code also runs in the web page.',
};

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'test/fixtures/**',
      'bench/.build/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      // Secrets must never reach a log; the CLI writes through process.stdout/stderr on purpose.
      'no-console': 'error',
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}', 'test/component/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // CommonJS files load with require() by definition (bin/keyport.cjs, electron-builder config).
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  // The layers' borders (design.md), enforced here rather than by habit; test/unit/lint/
  // boundaries.test.ts lints one breaking import per rule to prove each still bites.
  {
    // Core runs in the CLI, vitest and the e2e bridge: it must never pull in Electron.
    files: ['src/core/**/*.ts', 'src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [ELECTRON], patterns: [layer('renderer'), layer('main')] },
      ],
    },
  },
  {
    // The contract both sides compile against: it may import nothing but itself.
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [ELECTRON],
          patterns: [...['core', 'main', 'renderer', 'cli', 'preload'].map(layer), NODE_BUILTINS],
        },
      ],
    },
  },
  {
    // The renderer is a web page that an XSS may own: it reaches main only through
    // window.keyport and may import only src/shared and its own files.
    files: ['src/renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [ELECTRON],
          patterns: [...['core', 'main', 'cli', 'preload'].map(layer), NODE_BUILTINS],
        },
      ],
    },
  },
  {
    files: ['scripts/**', 'bench/**', 'test/**'],
    rules: { 'no-console': 'off' },
  },
);
