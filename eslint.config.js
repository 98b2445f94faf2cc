import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

/**
 * The rooms (CONTRIBUTING.md): who may import what. ESLint keeps one set of options per rule for a file (a later
 * block replaces an earlier one), so each room's block repeats the zustand paths through `restrictImports`.
 */
const ZUSTAND_PATHS = [
  { name: 'zustand', message: "Import from 'src/state' (the one wrapper of the state library)." },
  { name: 'zustand/middleware', message: "Import from 'src/state'." },
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
    regex: '^\\.(?!/(protocol|protocolVersion|attachmentProtocol|api(/[^/]+)?)$|\\./domain/)',
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

/**
 * A feature reaches another only through its public index.ts (`../cases`, never `../cases/operations`), so what a
 * feature offers is one file to read, and the app's routes compose screens from several features. A stylesheet
 * may be shared (`../coordination/coordination.css`): it exports nothing.
 */
const FEATURE_IMPORTS = restrictImports([
  {
    regex: '^(\\.\\./(?!\\.)|\\.\\./\\.\\./features/)[^/]+/(?!index$)(?!.*\\.css$)',
    message: "Import another feature through its index.ts ('../cases'), never one of its files.",
  },
]);
/** Nor by a lazy import(): screens load lazily from the app's routes (src/app/lazyScreens.tsx). */
const FEATURE_LAZY_IMPORTS = [
  'error',
  {
    selector: 'ImportExpression[source.value=/^\\.\\.\\x2F[^.\\x2F]/]',
    message: 'Screens of other features load lazily from src/app/lazyScreens.tsx, not from a feature.',
  },
];

/** The device store and sync sit below the screens: no app shell, no feature, no components. */
const DEVICE_IMPORTS = restrictImports([
  {
    regex: '^(\\.\\./)+(app|features|ui)(/|$)',
    message: 'src/db and src/sync import neither src/app, a feature nor src/ui (state: src/state.ts).',
  },
]);
/** Presentational components: no device store, sync or feature. */
const UI_IMPORTS = restrictImports([
  {
    regex: '^(\\.\\./)+(db|sync|features)(/|$)',
    message: 'src/ui imports neither src/db, src/sync nor a feature: screens pass it what it shows.',
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
    files: ['src/features/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': FEATURE_IMPORTS, 'no-restricted-syntax': FEATURE_LAZY_IMPORTS },
  },
  {
    files: ['src/db/**/*.{ts,tsx}', 'src/sync/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': DEVICE_IMPORTS },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': UI_IMPORTS },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: { 'no-restricted-imports': DOMAIN_IMPORTS },
  },
  {
    files: [
      'src/sync/protocol.ts',
      'src/sync/protocolVersion.ts',
      'src/sync/attachmentProtocol.ts',
    ],
    rules: { 'no-restricted-imports': PROTOCOL_IMPORTS },
  },
  {
    files: ['src/sync/api/**/*.ts'],
    rules: { 'no-restricted-imports': PROTOCOL_API_IMPORTS },
  },
  {
    files: ['src/state.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['scripts/**/*.{js,mjs}', '*.config.{js,ts}'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly' },
    },
  },
);
