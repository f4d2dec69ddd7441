import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';

/**
 * `npm run build`: the API, the worker and the CLI compiled to plain JavaScript in dist/ (started
 * with `node`, no tsx), the migrations beside them, and the workflow bundle prebuilt so a worker
 * starts without bundling (dist/workflow-bundle.js, which the compiled worker picks up itself).
 */
const ROOT = path.join(__dirname, '..');
const DIST = path.join(ROOT, 'dist');

async function main() {
  rmSync(DIST, { recursive: true, force: true });
  execFileSync(path.join(ROOT, 'node_modules', '.bin', 'tsc'), ['-p', path.join(ROOT, 'tsconfig.build.json')], {
    stdio: 'inherit',
  });
  // The workspace package @mir/client (the CLI's SDK) links to its TypeScript sources; compiled code
  // finds dist/node_modules first, so it loads the compiled copy beside it instead.
  const client = path.join(DIST, 'node_modules', '@mir', 'client');
  mkdirSync(client, { recursive: true });
  writeFileSync(path.join(client, 'index.js'), "module.exports = require('../../../packages/client/src/index.js');\n");
  // The compiled migrate.ts and doctor look for drizzle/ two levels above themselves, as in src/.
  cpSync(path.join(ROOT, 'drizzle'), path.join(DIST, 'drizzle'), { recursive: true });
  const { code } = await bundleWorkflowCode({ workflowsPath: path.join(DIST, 'src', 'workflows', 'index.js') });
  writeFileSync(path.join(DIST, 'workflow-bundle.js'), code);
  console.log(`built ${path.relative(ROOT, DIST)}/ (node dist/src/api/main.js, node dist/worker.js)`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
