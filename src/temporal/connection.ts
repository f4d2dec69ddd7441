import { Client, Connection, type WorkflowClientInterceptor } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { type Config, temporalAddress } from '../config';

function connectionOptions(config: Config) {
  return {
    address: temporalAddress(config),
    tls: config.TEMPORAL_TLS || config.TEMPORAL_API_KEY ? {} : undefined,
    apiKey: config.TEMPORAL_API_KEY,
  };
}

/** Lazy, so the API boots (and /ready can say what is down) even while Temporal is unreachable. */
export function createTemporalClient(config: Config, interceptors: WorkflowClientInterceptor[] = []): Client {
  return new Client({
    connection: Connection.lazy(connectionOptions(config)),
    namespace: config.TEMPORAL_NAMESPACE,
    interceptors: { workflow: interceptors },
  });
}

/** Connected now (not lazily), for tools that must say at once whether Temporal answers. */
export async function connectTemporalClient(config: Config, connectTimeoutMs = 5000): Promise<Client> {
  const connection = await Connection.connect({ ...connectionOptions(config), connectTimeout: connectTimeoutMs });
  return new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
}

export function connectWorkerConnection(config: Config): Promise<NativeConnection> {
  return NativeConnection.connect(connectionOptions(config));
}
