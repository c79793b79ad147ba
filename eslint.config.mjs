// One lint config for the monorepo. The rule that matters most here is the boundary:
// shared/ is host-agnostic, so it never imports a host API, and only its Node-only
// folders (platform/, cli/) may import Node built-ins.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const hostApis = [{ name: 'vscode', message: 'shared/ is host-agnostic: adapt it in extension/.' }];
const hostPatterns = [
  {
    group: ['@jupyterlab/*', '@lumino/*'],
    message: 'shared/ is host-agnostic: adapt it in jupyterlab-plugin/.',
  },
];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/lib/**',
      '.loch-test/**',
      'jupyterlab-plugin/loch_jupyterlab/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
      },
    },
    rules: {
      'no-console': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-throw-literal': 'error',
    },
  },
  {
    files: ['shared/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: hostApis, patterns: hostPatterns }],
    },
  },
  {
    // Browser-safe core: no Node built-ins outside platform/ and cli/.
    files: ['shared/src/**/*.ts'],
    ignores: ['shared/src/platform/**', 'shared/src/cli/**', 'shared/src/results/export-node/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: hostApis,
          patterns: [
            ...hostPatterns,
            {
              group: ['node:*'],
              message: 'Browser-safe core: Node built-ins belong in platform/ or cli/.',
            },
          ],
        },
      ],
    },
  },
  {
    // CLIs, scripts and tests write to the terminal on purpose.
    files: ['shared/src/cli/**', 'scripts/**', 'test/**', '.ci/**'],
    rules: { 'no-console': 'off' },
  },
);
