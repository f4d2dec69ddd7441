import { builtinModules } from 'node:module';
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

export default tseslint.config(
  { ignores: ['node_modules/**', 'drizzle/**', '.data/**', 'coverage/**', 'test-artifacts/**', 'dist/**', '.prof/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
    },
  },
  {
    // Response bodies in tests are whatever the API sent; assertions check their shape.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // One place reaches workflows: src/temporal/client owns ids, task queue, search attributes and
    // reuse policy. Everything else in src/ calls its typed functions.
    files: ['src/**/*.ts'],
    ignores: ['src/temporal/client/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "MemberExpression[object.property.name='workflow'][property.name=/^(start|execute|signal|getHandle|signalWithStart|executeUpdate|startUpdate)$/]",
          message: 'Reach workflows through src/temporal/client, not the Temporal client directly.',
        },
        {
          selector: 'CallExpression[callee.property.name=/^(executeUpdate|startUpdate|signal)$/]',
          message: 'Reach workflows through src/temporal/client, not a workflow handle.',
        },
      ],
    },
  },
  {
    // Layers: the database layer imports nothing above it, the domain nothing but itself.
    files: ['src/db/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/api', '**/api/**', '**/services/**', '**/temporal/**', '**/activities/**', '**/workflows/**'],
              message: 'src/db imports nothing above it (domain and config only).',
            },
          ],
        },
      ],
    },
  },
  {
    // Application services combine queries, workflows and rules; HTTP stays in src/api.
    files: ['src/services/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/api/routes/**',
                '**/api/pages/**',
                '**/api/route',
                '**/api/app',
                '**/api/middleware/**',
                'express',
              ],
              message: 'Services know nothing of HTTP routing; routes and pages call them.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/api',
                '**/api/**',
                '**/db',
                '**/db/**',
                '**/services/**',
                '**/temporal/**',
                '**/activities/**',
                '**/workflows/**',
                '**/config',
                '**/logger',
                '**/mail/**',
                '**/stack/**',
                '**/cli/**',
                '@temporalio/*',
                'express',
                'postgres',
                'drizzle-orm',
                'drizzle-orm/*',
              ],
              message: 'src/domain imports nothing but itself.',
            },
          ],
        },
      ],
    },
  },
  {
    // Workflow code runs in Temporal's deterministic sandbox: no Node APIs, no database, no I/O.
    // Activities are reachable only as types, through proxyActivities.
    files: ['src/workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({ name, message: 'Workflow code is deterministic: no Node built-ins.' })),
          patterns: [
            { group: ['**/db', '**/db/**'], message: 'Workflows never touch the database; call an activity.' },
            {
              group: ['**/activities', '**/activities/**'],
              allowTypeImports: true,
              message: 'Import activities with `import type` only.',
            },
            {
              group: [
                '@temporalio/client',
                '@temporalio/worker',
                '@temporalio/activity',
                'pino',
                'postgres',
                'drizzle-orm',
                'drizzle-orm/*',
                'express',
              ],
              message: 'Not allowed in workflow code.',
            },
          ],
        },
      ],
    },
  },
);
