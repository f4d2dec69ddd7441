import { WorkflowFailedError } from '@temporalio/client';
import { z } from 'zod';
import { newId } from '../../../domain/ids';
import { executeSmoke, workflowIds } from '../../../temporal/client';
import { ApiError } from '../../../domain/errors';
import { databaseUrl, temporalAddress } from '../../../config';
import { defineRoute } from '../../route';

const runtimeResponse = z.object({
  database: z.object({ host: z.string(), port: z.int(), database: z.string(), user: z.string() }),
  temporal: z.object({ address: z.string(), namespace: z.string(), taskQueue: z.string(), tls: z.boolean() }),
});

/** Where this process's Postgres is, from its URL: never its password or query options. */
function databaseOf(url: string): z.input<typeof runtimeResponse>['database'] {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    database: decodeURIComponent(u.pathname.replace(/^\//, '')),
    user: decodeURIComponent(u.username),
  };
}

const smokeResponse = z.object({ workflowId: z.string(), pingId: z.string(), recordedAt: z.iso.datetime() });

export const adminDiagnosticRoutes = [
  defineRoute({
    method: 'get',
    path: '/admin/runtime',
    operationId: 'adminGetRuntime',
    summary: 'The Postgres and Temporal this API process runs with (no secrets): the operator CLI checks exactly these',
    tags: ['Admin'],
    auth: 'admin',
    responses: { 200: { description: 'Where this process reaches its stack', schema: runtimeResponse } },
    handler: ({ deps }) => {
      const { config } = deps;
      return Promise.resolve({
        status: 200,
        body: {
          database: databaseOf(databaseUrl(config)),
          temporal: {
            address: temporalAddress(config),
            namespace: config.TEMPORAL_NAMESPACE,
            taskQueue: config.TEMPORAL_TASK_QUEUE,
            tls: Boolean(config.TEMPORAL_TLS),
          },
        },
      });
    },
  }),
  defineRoute({
    method: 'post',
    path: '/admin/diagnostics/workflow',
    operationId: 'adminRunDiagnosticWorkflow',
    errors: ['worker_unavailable'],
    summary: 'Run the smoke workflow end to end (Temporal → worker → Postgres) and wait for its result',
    tags: ['Admin'],
    auth: 'admin',
    ownTransactions: true,
    responses: { 200: { description: 'The worker ran the workflow and wrote to Postgres', schema: smokeResponse } },
    handler: async ({ deps }) => {
      const pingId = newId('smk');
      const workflowId = workflowIds.smoke(pingId);
      try {
        const result = await executeSmoke(deps.temporal, deps.config.TEMPORAL_TASK_QUEUE, pingId);
        return { status: 200, body: { workflowId, ...result } };
      } catch (err) {
        if (err instanceof WorkflowFailedError) {
          throw new ApiError(
            'worker_unavailable',
            'The smoke workflow did not complete: is a worker polling the task queue?',
            {
              workflowId,
              taskQueue: deps.config.TEMPORAL_TASK_QUEUE,
            },
          );
        }
        throw err;
      }
    },
  }),
  defineRoute({
    method: 'get',
    path: '/admin/diagnostics/argon2',
    operationId: 'adminMeasureArgon2',
    summary: "This API process's argon2 work since it started: how many ran, and never more at once than the cap",
    tags: ['Admin'],
    auth: 'admin',
    responses: {
      200: {
        description: 'Counts of this process only (each API process has its own cap)',
        schema: z.object({
          verifications: z.number().int(),
          hashes: z.number().int(),
          running: z.number().int(),
          waiting: z.number().int(),
          peakRunning: z.number().int(),
          concurrency: z.number().int(),
        }),
      },
    },
    example: { response: { verifications: 412, hashes: 37, running: 1, waiting: 0, peakRunning: 4, concurrency: 4 } },
    handler: async ({ deps }) => ({ status: 200, body: deps.passwords.stats() }),
  }),
];
