import { z } from 'zod';
import type { AppDeps } from '../context';
import { ApiError } from '../../domain/errors';
import { defineRoute } from '../route';

const CHECK_TIMEOUT_MS = 3000;

type Status = 'up' | 'down';

async function check(fn: () => Promise<unknown>): Promise<Status> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([fn(), timeout]);
    return 'up';
  } catch {
    return 'down';
  } finally {
    clearTimeout(timer);
  }
}

async function dependencyStatus(deps: AppDeps) {
  const connection = deps.temporal.connection;
  const [postgres, temporal] = await Promise.all([
    check(() => deps.database.sql`select 1`),
    check(() =>
      connection.withDeadline(Date.now() + CHECK_TIMEOUT_MS, () =>
        connection.workflowService.describeNamespace({ namespace: deps.config.TEMPORAL_NAMESPACE }),
      ),
    ),
  ]);
  return { postgres, temporal };
}

const liveness = z.object({ status: z.literal('ok') });
const readiness = z.object({
  status: z.literal('ready'),
  checks: z.object({ postgres: z.enum(['up', 'down']), temporal: z.enum(['up', 'down']) }),
});

export const healthRoutes = [
  defineRoute({
    method: 'get',
    path: '/health',
    operationId: 'getHealth',
    summary: 'Liveness: the process is up',
    tags: ['Operations'],
    auth: 'none',
    responses: { 200: { description: 'Alive', schema: liveness } },
    handler: async () => ({ status: 200, body: { status: 'ok' } }),
  }),
  defineRoute({
    method: 'get',
    path: '/ready',
    operationId: 'getReadiness',
    errors: ['not_ready'],
    summary: 'Readiness: Postgres and Temporal both reachable (503 names what is down)',
    tags: ['Operations'],
    auth: 'none',
    ownTransactions: true,
    responses: { 200: { description: 'Ready', schema: readiness } },
    handler: async ({ deps }) => {
      const checks = await dependencyStatus(deps);
      const down = Object.entries(checks)
        .filter(([, s]) => s === 'down')
        .map(([name]) => name);
      if (down.length > 0)
        throw new ApiError('not_ready', `Not ready: ${down.join(' and ')} unreachable`, { checks, down });
      return { status: 200, body: { status: 'ready', checks } };
    },
  }),
];
