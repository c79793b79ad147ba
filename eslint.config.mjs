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

// Hosts import `@loch/core`, `@loch/core/node` and `@loch/core/viewer` only: no deep paths, no
// relative way into shared/src around the package's exports.
const deepCore = '^@loch/core/(?!(node|viewer)$)';
const deepCoreMessage =
  'Hosts import only @loch/core, @loch/core/node and @loch/core/viewer: export what you need from shared/src/index.ts, node.ts or viewer.ts.';
const sharedSource = '(^|/)shared/src(/|$)';
const sharedSourceMessage =
  'Hosts reach the core through its package entries (@loch/core...), never shared/src by path.';
const corePublicOnly = [
  { regex: deepCore, message: deepCoreMessage },
  { regex: sharedSource, message: sharedSourceMessage },
];
/** A regex for an esquery attribute selector (which ends a regex at the first `/`). */
const esqueryRegex = (source) => `/${source.replaceAll('/', '\\u002F')}/`;

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
    // The hosts see the core only through its public entries (shared/package.json exports):
    // what they need is exported there, so the core can move its files without breaking them.
    files: ['extension/src/**/*.ts', 'jupyterlab-plugin/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: corePublicOnly }],
      'no-restricted-syntax': [
        'error',
        // `import('…')` and `typeof import('…')`, which no-restricted-imports does not see.
        {
          selector: `ImportExpression > Literal[value=${esqueryRegex(deepCore)}]`,
          message: deepCoreMessage,
        },
        {
          selector: `TSImportType Literal[value=${esqueryRegex(deepCore)}]`,
          message: deepCoreMessage,
        },
        {
          selector: `:matches(ImportExpression, TSImportType) Literal[value=${esqueryRegex(sharedSource)}]`,
          message: sharedSourceMessage,
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
