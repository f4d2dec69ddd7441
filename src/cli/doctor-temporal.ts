import type { Config } from '../config';
import { temporalAddress } from '../config';
import { missingSearchAttributes, taskQueuePollers } from '../temporal/client';
import { connectTemporalClient } from '../temporal/connection';
import { registerSearchAttributesCommand } from '../workflows/search-attributes';
import { type Check, message } from './checks';

/** Reachable, the namespace, the search attributes, and a worker polling the task queue. */
export async function temporalChecks(config: Config): Promise<Check[]> {
  const address = temporalAddress(config);
  const namespace = config.TEMPORAL_NAMESPACE;
  const queue = config.TEMPORAL_TASK_QUEUE;
  let client;
  try {
    client = await connectTemporalClient(config);
  } catch (err) {
    return [
      {
        name: 'Temporal reachable',
        ok: false,
        detail: `${address}: ${message(err)}`,
        fix: config.TEMPORAL_ADDRESS
          ? 'check TEMPORAL_ADDRESS (and TEMPORAL_TLS / TEMPORAL_API_KEY) and that Temporal runs'
          : 'npm start (runs the Temporal dev server)',
      },
    ];
  }
  const checks: Check[] = [{ name: 'Temporal reachable', ok: true, detail: address }];
  try {
    const connection = client.connection;
    try {
      await connection.workflowService.describeNamespace({ namespace });
      checks.push({ name: `Temporal namespace ${namespace}`, ok: true, detail: 'registered' });
    } catch (err) {
      checks.push({
        name: `Temporal namespace ${namespace}`,
        ok: false,
        detail: message(err),
        fix: `temporal operator namespace create --namespace ${namespace} --address ${address}`,
      });
      return checks;
    }
    const missing = await missingSearchAttributes(connection, namespace);
    checks.push(
      missing.length === 0
        ? { name: 'Temporal search attributes', ok: true, detail: 'MirOrgId, MirAgentId, MirUserId, MirOperation' }
        : {
            name: 'Temporal search attributes',
            ok: false,
            detail: `missing ${missing.join(', ')}`,
            fix: registerSearchAttributesCommand(namespace, missing),
          },
    );
    const pollers = await taskQueuePollers(connection, namespace, queue);
    const idle = (['workflow', 'activity'] as const).filter((kind) => pollers[kind].length === 0);
    checks.push(
      idle.length === 0
        ? { name: `Worker polling task queue ${queue}`, ok: true, detail: [...new Set(pollers.workflow)].join(', ') }
        : {
            name: `Worker polling task queue ${queue}`,
            ok: false,
            detail: `no ${idle.join(' or ')} poller in the last minutes`,
            fix: `TEMPORAL_TASK_QUEUE=${queue} npm run worker   (npm start runs one too)`,
          },
    );
  } finally {
    await client.connection.close();
  }
  return checks;
}
