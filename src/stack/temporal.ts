import path from 'node:path';
import type { Config } from '../config';
import { MIR_SEARCH_ATTRIBUTES } from '../workflows/search-attributes';
import { buildTemporalWithGo, defaultCacheDir, locateTemporalBinary } from './temporal-binary';
import { startTemporalDevServer, type TemporalServerHandle } from './temporal-server';

/**
 * The dev server from the best binary available. Without one and without Go, the SDK downloads
 * the CLI itself (needs internet, and its starter waits only seconds: the last resort).
 */
export async function startLocalTemporal(config: Config, log: (m: string) => void): Promise<TemporalServerHandle> {
  const cacheDir = config.MIR_CACHE_DIR ?? defaultCacheDir();
  const options = {
    dataDir: config.MIR_DATA_DIR,
    port: config.MIR_TEMPORAL_PORT,
    uiPort: config.MIR_TEMPORAL_UI_PORT,
    namespace: config.TEMPORAL_NAMESPACE,
    log,
  };
  const binary =
    locateTemporalBinary({ cliPath: config.TEMPORAL_CLI_PATH, cacheDir, searchPath: process.env.PATH }) ??
    (await buildTemporalWithGo({ cacheDir, log }));
  if (binary) {
    log(`temporal CLI from ${binary.source}: ${binary.path}`);
    return startTemporalDevServer(binary.path, options);
  }
  log('no temporal CLI and no Go toolchain: falling back to the Temporal SDK download');
  const { TestWorkflowEnvironment } = await import('@temporalio/testing');
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'cached-download', downloadDir: cacheDir },
      ip: '127.0.0.1',
      port: options.port,
      ui: true,
      uiPort: options.uiPort,
      namespace: options.namespace,
      dbFilename: path.resolve(options.dataDir, 'temporal.sqlite'),
      searchAttributes: MIR_SEARCH_ATTRIBUTES,
      extraArgs: ['--sqlite-pragma', 'journal_mode=wal'],
    },
  });
  return {
    address: `127.0.0.1:${options.port}`,
    uiUrl: `http://localhost:${options.uiPort}`,
    stop: () => env.teardown(),
  };
}
