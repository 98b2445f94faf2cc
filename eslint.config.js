import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

/**
 * The rooms (CONTRIBUTING.md): who may import what. ESLint keeps one set of options per rule for a file (a later
 * block replaces an earlier one), so each room's block repeats the zustand paths through `restrictImports`.
 */
const ZUSTAND_PATHS = [
  { name: 'zustand', message: "Import from 'src/app/state' (the one wrapper of the state library)." },
  { name: 'zustand/middleware', message: "Import from 'src/app/state'." },
];
const restrictImports = (patterns = []) => ['error', { paths: ZUSTAND_PATHS, patterns }];

/** The server and the demo data it loads reach src/ only by the names tsconfig.base.json gives. */
const SERVER_IMPORTS = restrictImports([
  {
    regex: '^\\.{1,2}/(.*/)?src(/|$)',
    message:
      "The server reaches src/ only through '@waystation/domain/…' and '@waystation/protocol…' (tsconfig.base.json paths).",
  },
]);

/** The domain is pure: the server runs it too. */
const DOMAIN_IMPORTS = restrictImports([
  {
    regex: '^(\\.\\./)+(app|db|sync|features|ui)(/|$)',
    message: 'src/domain imports nothing from another src/ folder: the server runs it too.',
  },
  {
    regex: '^(?!\\.|zod$|date-fns(/|$)|papaparse$|libphonenumber-js(/|$)|vitest$|fast-check$)',
    message:
      'src/domain imports only zod, date-fns, papaparse and libphonenumber-js (and vitest, fast-check in tests).',
  },
]);

const PROTOCOL_PACKAGES = {
  regex: '^(?!\\.|zod$)',
  message: 'The protocol imports only zod, src/domain and the protocol: the server imports it too.',
};
/** src/sync's protocol modules, which the server imports by name: only the domain and one another. */
const PROTOCOL_IMPORTS = restrictImports([
  PROTOCOL_PACKAGES,
  {
    regex: '^\\.(?!/(protocol|protocolVersion|messagesApi|attachmentProtocol|api(/[^/]+)?)$|\\./domain/)',
    message: 'The protocol imports only src/domain and the protocol modules: the server imports it too.',
  },
]);
const PROTOCOL_API_IMPORTS = restrictImports([
  PROTOCOL_PACKAGES,
  {
    regex: '^\\.(?!/[^/]+$|\\./(protocol|protocolVersion)$|\\./\\.\\./domain/)',
    message: 'The protocol imports only src/domain and the protocol modules: the server imports it too.',
  },
]);

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'test-results/**',
      'data/**',
      'demo-data/**',
      'coverage/**',
      'bench/results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Components talk to the device store only through typed operations (CONVENTIONS: Actual's pattern).
      'no-restricted-imports': restrictImports(),
    },
  },
  {
    files: ['sync-server/**/*.ts', 'bench/caseload.ts', 'bench/dataset.ts'],
    rules: { 'no-restricted-imports': SERVER_IMPORTS },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: { 'no-restricted-imports': DOMAIN_IMPORTS },
  },
  {
    files: [
      'src/sync/protocol.ts',
      'src/sync/protocolVersion.ts',
      'src/sync/messagesApi.ts',
      'src/sync/attachmentProtocol.ts',
    ],
    rules: { 'no-restricted-imports': PROTOCOL_IMPORTS },
  },
  {
    files: ['src/sync/api/**/*.ts'],
    rules: { 'no-restricted-imports': PROTOCOL_API_IMPORTS },
  },
  {
    files: ['src/app/state.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['scripts/**/*.{js,mjs}', '*.config.{js,ts}'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly' },
    },
  },
);
