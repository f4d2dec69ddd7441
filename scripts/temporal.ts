import { spawnSync } from 'node:child_process';
import { loadConfig } from '../src/config';
import { operatorStack } from '../src/cli/stack';
import { defaultCacheDir, locateTemporalBinary } from '../src/stack/temporal-binary';

/**
 * `npm run temporal -- <command>`: the stack's own temporal CLI (the one `npm start` runs), aimed
 * at the Temporal address and namespace the API says it runs with, so a signal never goes to
 * another Temporal that happens to answer on this machine's default port. Flags given on the
 * command line win; which stack it is goes to stderr, so `-o json` output stays clean.
 */
async function main() {
  const config = loadConfig();
  const binary = locateTemporalBinary({
    cliPath: config.TEMPORAL_CLI_PATH,
    cacheDir: config.MIR_CACHE_DIR ?? defaultCacheDir(),
    searchPath: process.env.PATH,
  });
  if (!binary) throw new Error('no temporal CLI yet: run `npm run temporal:install` (or `npm start` once)');
  const stack = await operatorStack(config);
  console.error(stack.firstLine);
  const env = {
    ...process.env,
    TEMPORAL_ADDRESS: stack.config.TEMPORAL_ADDRESS ?? `127.0.0.1:${config.MIR_TEMPORAL_PORT}`,
    TEMPORAL_NAMESPACE: stack.config.TEMPORAL_NAMESPACE,
  };
  const run = spawnSync(binary.path, process.argv.slice(2), { stdio: 'inherit', env });
  process.exit(run.status ?? 1);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
