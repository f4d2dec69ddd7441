import { ServiceError, WorkflowExecutionAlreadyStartedError, WorkflowFailedError } from '@temporalio/client';
import { z } from 'zod';
import { abandonKeyRotation, requestKeyRotation } from '../../db/queries/agent-key-rotations';
import { AGENT_KEY_PREFIX, issueSecret } from '../../domain/keys';
import { executeKeyRotation, workflowIds } from '../../temporal/client';
import type { rotateKeyWorkflow } from '../../workflows/rotate-key';
import { ApiError, agentNotFound } from '../../domain/errors';
import { auditActorOf, KEY_ROTATED } from '../present/agents';
import { defineRoute } from '../route';
import { agentIdParams } from '../schemas/agents';
import { MANAGE_AGENTS } from './agents';

const rotatedKeyResponse = z.object({
  apiKey: z.string().nullable().describe('The new key, shown only in this response (null on an idempotent replay)'),
  message: z.string(),
});

/**
 * Bounds the request: the worker must have applied the rotation by then, or the caller gets a 503.
 * Inside the request's Temporal deadline with a margin, so the workflow has timed out (and its id
 * is free for a retry) by the time the caller hears of it.
 */
const rotationWaitMs = (temporalCallTimeoutMs: number) => Math.max(1_000, temporalCallTimeoutMs - 2_000);

const revokedConflict = (agentId: string) =>
  new ApiError('invalid_state', `Agent ${agentId} is revoked; a revoked agent has no key to rotate`);

export const agentKeyRoutes = [
  defineRoute({
    method: 'post',
    path: '/v1/agents/:id/key/rotate',
    operationId: 'rotateAgentKey',
    errors: ['agent_not_found', 'invalid_state', 'worker_unavailable'],
    summary: "Rotate an agent's API key: the old key stops working at once, the new one is shown only here",
    tags: ['Agents'],
    auth: 'partner',
    ownTransactions: true,
    access: MANAGE_AGENTS,
    secretFields: ['apiKey'],
    params: agentIdParams,
    responses: { 200: { description: 'The new key (save it now)', schema: rotatedKeyResponse } },
    // `db` is not used on purpose: under an Idempotency-Key it is an open transaction, and the
    // worker's activity could not see a rotation row written there. deps.database.db autocommits.
    handler: async ({ params, deps, principal, requestId, log }) => {
      const secret = issueSecret(AGENT_KEY_PREFIX);
      const requested = await requestKeyRotation(deps.database.db, {
        organizationId: principal.organizationId,
        agentId: params.id,
        newKeyHash: secret.hash,
        newKeyPrefix: secret.displayPrefix,
        requestedBy: auditActorOf(principal),
        requestId,
      });
      if (requested.outcome === 'not_found') throw agentNotFound(params.id);
      if (requested.outcome === 'revoked') throw revokedConflict(params.id);
      if (requested.outcome === 'in_progress') {
        throw new ApiError('invalid_state', `A key rotation of agent ${params.id} is already in progress`);
      }
      const { rotation, agent } = requested;
      const workflowId = workflowIds.keyRotation(agent.id, rotation.version);
      const done = { status: 200, body: { apiKey: secret.plaintext, message: KEY_ROTATED } };

      let outcome: Awaited<ReturnType<typeof rotateKeyWorkflow>>;
      try {
        outcome = await executeKeyRotation(deps.temporal, deps.config.TEMPORAL_TASK_QUEUE, {
          rotationId: rotation.id,
          organizationId: agent.organizationId,
          agentId: agent.id,
          version: rotation.version,
          waitMs: rotationWaitMs(deps.config.MIR_TEMPORAL_CALL_TIMEOUT_MS),
        });
      } catch (err) {
        // Whatever happened to the workflow, the row lock decides: applied (answer the key) or deleted.
        if ((await abandonKeyRotation(deps.database.db, rotation.id)) === 'applied') return done;
        const temporalTrouble =
          err instanceof WorkflowFailedError ||
          err instanceof WorkflowExecutionAlreadyStartedError ||
          err instanceof ServiceError;
        if (!temporalTrouble) throw err;
        log.warn({ err, workflowId, rotationId: rotation.id }, 'key rotation did not complete; abandoned');
        throw new ApiError('worker_unavailable', 'The key rotation did not complete in time; the old key still works', {
          workflowId,
          taskQueue: deps.config.TEMPORAL_TASK_QUEUE,
        });
      }

      if (outcome.status === 'applied') {
        log.info({ agentId: agent.id, workflowId, version: outcome.version }, 'agent key rotated');
        return done;
      }
      if (outcome.status === 'agent_revoked') throw revokedConflict(agent.id);
      if (outcome.status === 'superseded') {
        throw new ApiError('invalid_state', `Agent ${agent.id}'s key changed during the rotation; try again`);
      }
      throw new ApiError('worker_unavailable', 'The key rotation did not complete in time; the old key still works', {
        workflowId,
        taskQueue: deps.config.TEMPORAL_TASK_QUEUE,
      });
    },
  }),
];
