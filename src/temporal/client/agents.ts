import type { Client } from '@temporalio/client';
import { type SpawnDecisionRequest, decideSpawnUpdate } from '../../workflows/messages';
import type { rotateKeyWorkflow } from '../../workflows/rotate-key';
import type { smokeWorkflow } from '../../workflows/smoke';
import { MirAgentId, MirOperation, MirOrgId, NO_ORGANIZATION } from '../../workflows/search-attributes';
import { workflowIds } from '../../domain/workflow-ids';

/** A REST decision, made by the workflow (its only writer); answers the outcome once it is recorded. */
export function decideSpawn(client: Client, workflowId: string, request: SpawnDecisionRequest) {
  return client.workflow.getHandle(workflowId).executeUpdate(decideSpawnUpdate, { args: [request] });
}

export function executeKeyRotation(
  client: Client,
  taskQueue: string,
  input: { rotationId: string; organizationId: string; agentId: string; version: number; waitMs: number },
) {
  return client.workflow.execute<typeof rotateKeyWorkflow>('rotateKeyWorkflow', {
    workflowId: workflowIds.keyRotation(input.agentId, input.version),
    taskQueue,
    args: [{ rotationId: input.rotationId, organizationId: input.organizationId, agentId: input.agentId }],
    workflowExecutionTimeout: input.waitMs,
    typedSearchAttributes: [
      { key: MirOrgId, value: input.organizationId },
      { key: MirAgentId, value: input.agentId },
      { key: MirOperation, value: 'key-rotate' },
    ],
    staticSummary: `Rotate API key of agent ${input.agentId} to version ${input.version}`,
  });
}

export function executeSmoke(client: Client, taskQueue: string, pingId: string) {
  return client.workflow.execute<typeof smokeWorkflow>('smokeWorkflow', {
    workflowId: workflowIds.smoke(pingId),
    taskQueue,
    args: [{ pingId }],
    workflowExecutionTimeout: '20 seconds',
    typedSearchAttributes: [
      { key: MirOrgId, value: NO_ORGANIZATION },
      { key: MirOperation, value: 'smoke' },
    ],
  });
}
