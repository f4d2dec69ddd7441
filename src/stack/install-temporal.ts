import { loadConfig } from '../config';
import { buildTemporalWithGo, defaultCacheDir, locateTemporalBinary } from './temporal-binary';

/** `npm run temporal:install`: make sure a temporal CLI exists before anything needs it (CI does this first). */
async function main() {
  const config = loadConfig();
  const cacheDir = config.MIR_CACHE_DIR ?? defaultCacheDir();
  const log = (m: string) => console.log(m);
  const found =
    locateTemporalBinary({ cliPath: config.TEMPORAL_CLI_PATH, cacheDir, searchPath: process.env.PATH }) ??
    (await buildTemporalWithGo({ cacheDir, log }));
  if (!found) {
    console.log('no temporal CLI and no Go: `npm start` will fall back to the Temporal SDK download (needs internet)');
    return;
  }
  console.log(`temporal CLI (${found.source}): ${found.path}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
