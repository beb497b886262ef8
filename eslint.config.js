// ESLint for the sources, tests and scripts: typescript-eslint's recommended rules, type-aware where they catch real
// bugs (floating and misused promises), and React's hook rules for the Ink screens. Layout is Prettier's job.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const nodeGlobals = Object.fromEntries(
  [
    'process',
    'console',
    'Buffer',
    'URL',
    'setTimeout',
    'clearTimeout',
    'setImmediate',
    'setInterval',
    'clearInterval',
    'AbortController',
  ].map((g) => [g, 'readonly']),
);

/** Files matching `files` (but not `ignores`) may not import from the named top-level folders of src/. */
function layer(files, banned, why, ignores = []) {
  const group = banned.flatMap((d) => [`**/src/${d}/**`, `../${d}/**`, `../../${d}/**`, `../../../${d}/**`]);
  return { files, ignores, rules: { 'no-restricted-imports': ['error', { patterns: [{ group, message: why }] }] } };
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { files: ['**/*.{js,mjs}'], languageOptions: { globals: nodeGlobals } },
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  // The layers (docs/architecture.md): imports point down only. A wrong import fails the lint, not a review.
  layer(
    ['src/lib/**'],
    ['app', 'ui', 'commands', 'domain', 'warehouse', 'sources', 'enrich', 'ai', 'recommend', 'settings'],
    'lib imports nothing of anidex',
  ),
  layer(
    ['src/domain/**'],
    ['app', 'ui', 'commands', 'warehouse', 'sources', 'enrich', 'ai', 'recommend', 'settings'],
    'domain is pure: it imports only lib',
  ),
  layer(
    ['src/warehouse/**', 'src/sources/**', 'src/enrich/**', 'src/ai/**', 'src/recommend/**', 'src/settings/**'],
    ['app', 'ui', 'commands'],
    'adapters and the warehouse are below the application layer',
  ),
  layer(['src/app/**'], ['ui', 'commands'], 'the application layer serves screens and commands, never the other way'),
  layer(
    ['src/commands/**'],
    ['warehouse', 'sources', 'enrich', 'ai', 'recommend', 'ui'],
    'commands reach the warehouse and the adapters through src/app (open-warehouse, the views, the runs); only tui.tsx starts the TUI',
    ['src/commands/tui.tsx'],
  ),
  {
    // A command holds the warehouse handle only to give it to app functions: it runs no SQL and writes nothing itself.
    files: ['src/commands/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.type='MemberExpression'][object.property.name='db']",
          message: 'commands run no SQL: ask an src/app function for what the command needs',
        },
        {
          selector:
            "CallExpression > MemberExpression.callee[property.name=/^(write|restore|refresh)$/][object.name='wh']",
          message: 'commands change the warehouse through src/app functions',
        },
      ],
    },
  },
  layer(
    ['src/commands/tui.tsx'],
    ['warehouse', 'sources', 'enrich', 'ai', 'recommend'],
    'the TUI reaches anidex through src/app (the TUI session)',
  ),
  layer(
    ['src/ui/**'],
    ['warehouse', 'sources', 'enrich', 'ai', 'commands'],
    'screens reach anidex through src/app (view models, the TUI session)',
  ),
  {
    // Stripping terminal control sequences and refusing control characters in exports is what these patterns are for.
    rules: { 'no-control-regex': 'off' },
  },
  {
    // node:test runs every test() it is given; the promise test() returns is not the test's outcome.
    files: ['test/**/*.{ts,tsx}'],
    rules: { '@typescript-eslint/no-floating-promises': 'off' },
  },
);
