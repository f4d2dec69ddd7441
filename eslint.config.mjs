import { builtinModules } from 'node:module';
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { forbiddenPatterns, layers } from './eslint.layers.mjs';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

/** Packages a layer must not use, whatever its folder may import. */
const extraPaths = {
  // Workflow code runs in Temporal's deterministic sandbox: no Node APIs, no database, no I/O.
  workflows: nodeBuiltins.map((name) => ({ name, message: 'Workflow code is deterministic: no Node built-ins.' })),
};
const extraPatterns = {
  services: [{ group: ['express'], message: 'Services know nothing of HTTP; routes and pages call them.' }],
  workflows: [
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
  domain: [
    {
      group: ['@temporalio/*', 'express', 'postgres', 'drizzle-orm', 'drizzle-orm/*', 'pino', 'nodemailer'],
      message: 'src/domain is rules without I/O.',
    },
  ],
  db: [{ group: ['express', '@temporalio/*'], message: 'src/db knows nothing of HTTP or Temporal.' }],
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'drizzle/**', '.data/**', 'coverage/**', 'test-artifacts/**', 'dist/**', '.prof/**', 'packages/client/src/generated/**'] },
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
    // Response bodies in tests (and in the chaos run's history) are whatever the API sent;
    // assertions and the checker check their shape.
    files: ['test/**/*.ts', 'scripts/chaos/**/*.ts'],
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
  // Layers (eslint.layers.mjs): one no-restricted-imports rule per folder of src/, each listing the
  // layers it may not import, plus what that layer must not use whatever its path.
  ...Object.keys(layers).map((layer) => ({
    files: layer === 'platform' ? ['src/*.ts'] : [`src/${layer}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: extraPaths[layer] ?? [],
          patterns: [...forbiddenPatterns(layer), ...(extraPatterns[layer] ?? [])],
        },
      ],
    },
  })),
);
