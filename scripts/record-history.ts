import { writeFileSync } from 'node:fs';
import { Client, Connection } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { loadConfig, temporalAddress } from '../src/config';

/**
 * `npm run history:record -- <workflowId> <file>`: saves a finished workflow's history as a
 * replay fixture. Commit it under test/fixtures/histories so every later change to that
 * workflow is checked for determinism against what production already recorded.
 */
async function main() {
  const [workflowId, file] = process.argv.slice(2);
  if (!workflowId || !file) throw new Error('usage: npm run history:record -- <workflowId> <file>');
  const config = loadConfig();
  const connection = await Connection.connect({ address: temporalAddress(config) });
  try {
    const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
    const history = await client.workflow.getHandle(workflowId).fetchHistory();
    writeFileSync(file, `${historyToJSON(history)}\n`);
    console.log(`wrote ${history.events?.length ?? 0} events of ${workflowId} to ${file}`);
  } finally {
    await connection.close();
  }
}

main().catch((err: unknown) => {
  console.error((err as Error).message);
  process.exit(1);
});
