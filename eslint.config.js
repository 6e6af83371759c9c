// ESLint flat config: typescript-eslint everywhere, and src/core kept pure (no extension, DOM or Node APIs).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const CORE_FORBIDDEN_GLOBALS = [
  'chrome',
  'browser',
  'window',
  'document',
  'navigator',
  'localStorage',
  'sessionStorage',
  'Buffer',
  'process',
  'require',
  'fetch',
  'XMLHttpRequest',
].map((name) => ({ name, message: 'src/core is pure: take data in, return data; no platform APIs.' }));

const CORE_IMPORT_RULES = [
  { group: ['node:*', 'fs', 'path', 'crypto', 'buffer'], message: 'src/core runs in the browser too: no Node modules.' },
  { group: ['webextension-polyfill', 'preact', 'preact/*', '@preact/*'], message: 'src/core must not depend on shells or UI.' },
  {
    group: ['**/background/**', '**/panel/**', '**/devtools/**', '**/cli/**', '**/shared/browser'],
    message: 'core is imported by shells, never the reverse.',
  },
];

/** The layers of src/core, lowest first: each imports only from the layers below it (docs/architecture.md). */
const ABOVE_DECODE = ['**/core/exchange/**', '**/core/diagnosis/**', '**/core/import/**', '**/core/export/**', '**/core/report/**'];
const ABOVE_EXCHANGE = ABOVE_DECODE.slice(1);
const ABOVE_DIAGNOSIS = ABOVE_DECODE.slice(2);
const layer = (group) => ({
  group: group.map((path) => path.replace('**/core/', '../**/core/')).concat(group.map((path) => path.replace('**/core/', '**/'))),
  message: 'core layers import downwards only (decode → exchange → diagnosis → import/export/report).',
});

const VERDICTS_ONLY = {
  regex: '(^|/)(diagnosis/)?(advice(/.*)?|findings|token-findings|report/.*)$',
  message: 'The service worker reads verdicts (diagnosis/verdicts); advice and reports load only in the panel and CLI.',
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.lab/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: [
      'src/background/**',
      'src/devtools/**',
      'src/panel/**',
      'src/shared/**',
      'tools/browsers/helper-extension/**',
      'tools/browsers/reference-extension/**',
      'tools/record/**',
    ],
    languageOptions: { globals: { ...globals.browser, ...globals.webextensions } },
  },
  {
    files: ['src/core/**'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-globals': ['error', ...CORE_FORBIDDEN_GLOBALS],
      'no-restricted-imports': ['error', { patterns: CORE_IMPORT_RULES }],
    },
  },
  {
    files: ['src/core/decode/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...CORE_IMPORT_RULES, layer(ABOVE_DECODE)] }] },
  },
  {
    files: ['src/core/diagnosis/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...CORE_IMPORT_RULES, layer(ABOVE_DIAGNOSIS)] }] },
  },
  {
    // What the service worker loads stays free of the advice prose (issue 5: background ≤ 30 KB gz).
    files: ['src/core/exchange/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...CORE_IMPORT_RULES, VERDICTS_ONLY, layer(ABOVE_EXCHANGE)] }] },
  },
  {
    files: ['src/core/diagnosis/rules/**', 'src/core/diagnosis/judge.ts', 'src/core/diagnosis/evidence.ts', 'src/core/diagnosis/badge.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...CORE_IMPORT_RULES, VERDICTS_ONLY, layer(ABOVE_DIAGNOSIS)] }] },
  },
  {
    files: ['src/background/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [VERDICTS_ONLY] }] },
  },
  {
    files: ['test/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'webextension-polyfill', message: 'The polyfill throws outside an extension.' }] },
      ],
    },
  },
);
