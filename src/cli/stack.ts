import { type Config, databaseUrl, temporalAddress } from '../config';
import { adminApi, answerOf, apiBaseUrl } from './api';
import { type Check, message } from './checks';

/** What GET /admin/runtime answers: where the API reaches its stack, without secrets. */
export interface ApiRuntime {
  database: { host: string; port: number; database: string; user: string };
  temporal: { address: string; namespace: string; taskQueue: string; tls: boolean };
}

/** The stack an operator command works on, and the line that says so before anything else. */
export interface OperatorStack {
  config: Config;
  firstLine: string;
  /** The CLI's own settings against the API's: ✗ with the difference when they disagree. */
  agreement: Check;
}

function ownDatabase(config: Config): ApiRuntime['database'] {
  const u = new URL(databaseUrl(config));
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    database: decodeURIComponent(u.pathname.replace(/^\//, '')),
    user: decodeURIComponent(u.username),
  };
}

const describe = (r: ApiRuntime) =>
  `Postgres ${r.database.host}:${r.database.port}/${r.database.database}, Temporal ${r.temporal.address} ` +
  `namespace ${r.temporal.namespace} task queue ${r.temporal.taskQueue}`;

/** Every setting the CLI would use that differs from the API's, as `name: CLI ≠ API`. */
export function differences(config: Config, api: ApiRuntime): string[] {
  const own = ownDatabase(config);
  const pairs: [string, unknown, unknown][] = [
    ['Postgres host', own.host, api.database.host],
    ['Postgres port', own.port, api.database.port],
    ['Postgres database', own.database, api.database.database],
    ['Postgres user', own.user, api.database.user],
    ['TEMPORAL_ADDRESS', temporalAddress(config), api.temporal.address],
    ['TEMPORAL_NAMESPACE', config.TEMPORAL_NAMESPACE, api.temporal.namespace],
    ['TEMPORAL_TASK_QUEUE', config.TEMPORAL_TASK_QUEUE, api.temporal.taskQueue],
    ['TEMPORAL_TLS', Boolean(config.TEMPORAL_TLS), api.temporal.tls],
  ];
  return pairs
    .filter(([, a, b]) => a !== b)
    .map(([name, a, b]) => `${name}: ${String(a)} here ≠ ${String(b)} in the API`);
}

/**
 * Asks the API (MIR_API_URL, admin token) which Postgres and Temporal it runs with, so operator
 * commands look at that stack and not at whatever answers on this machine's default ports. The
 * Temporal settings are the API's (they hold no secret); Postgres needs the CLI's own password, so
 * its settings are compared, and a difference is a failing check. When the API does not answer,
 * the CLI's own settings are used, and the first line says so.
 */
export async function operatorStack(config: Config): Promise<OperatorStack> {
  const url = apiBaseUrl(config);
  let api: ApiRuntime;
  try {
    api = await answerOf(config, adminApi(config).adminGetRuntime());
  } catch (err) {
    const own = {
      database: ownDatabase(config),
      temporal: {
        address: temporalAddress(config),
        namespace: config.TEMPORAL_NAMESPACE,
        taskQueue: config.TEMPORAL_TASK_QUEUE,
        tls: Boolean(config.TEMPORAL_TLS),
      },
    };
    return {
      config,
      firstLine: `The API at ${url} did not say what it runs with (${message(err)}): checking this CLI's own settings, ${describe(own)}`,
      agreement: {
        name: 'CLI settings match the API',
        ok: false,
        detail: `cannot ask the API at ${url}`,
        fix: 'start the API (npm start), or set MIR_API_URL and MIR_ADMIN_TOKEN to the stack you mean',
      },
    };
  }
  const diff = differences(config, api);
  const temporal = {
    TEMPORAL_ADDRESS: api.temporal.address,
    TEMPORAL_NAMESPACE: api.temporal.namespace,
    TEMPORAL_TASK_QUEUE: api.temporal.taskQueue,
  };
  return {
    config: { ...config, ...temporal },
    firstLine: `Checking the stack the API at ${url} runs with: ${describe(api)}`,
    agreement:
      diff.length === 0
        ? { name: 'CLI settings match the API', ok: true, detail: 'same Postgres, Temporal, namespace and task queue' }
        : {
            name: 'CLI settings match the API',
            ok: false,
            detail: diff.join('; '),
            fix: "run the CLI with the API's settings (DATABASE_URL, TEMPORAL_*), or point MIR_API_URL at the stack you mean",
          },
  };
}
