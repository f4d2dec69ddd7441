import { type Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { type SpawnDecisionRequest, decideSpawnUpdate } from '../../workflows/messages';
import type { revokeDescendantsWorkflow } from '../../workflows/revoke-descendants';
import type { rotateKeyWorkflow } from '../../workflows/rotate-key';
import type { smokeWorkflow } from '../../workflows/smoke';
import type { spawnApprovalWorkflow } from '../../workflows/spawn-approval';
import { MirAgentId, MirOperation, MirOrgId, NO_ORGANIZATION } from '../../workflows/search-attributes';
import { workflowIds } from '../../domain/workflow-ids';

export interface SpawnApprovalStart {
  spawnRequestId: string;
  organizationId: string;
  parentAgentId: string;
  childAgentId: string;
  timeoutSeconds: number;
}

export async function startSpawnApproval(
  client: Client,
  taskQueue: string,
  input: SpawnApprovalStart,
): Promise<string> {
  const workflowId = workflowIds.spawnApproval(input.spawnRequestId);
  const { childAgentId, ...args } = input;
  await client.workflow.start<typeof spawnApprovalWorkflow>('spawnApprovalWorkflow', {
    workflowId,
    taskQueue,
    args: [args],
    typedSearchAttributes: [
      { key: MirOrgId, value: input.organizationId },
      { key: MirAgentId, value: input.parentAgentId },
      { key: MirOperation, value: 'spawn-approval' },
    ],
    staticSummary: `Approve spawning ${childAgentId} under ${input.parentAgentId}`,
  });
  return workflowId;
}

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

/** Also on a repeat: the switch is already in force, and this (re)starts its records. */
export async function startRevokeDescendants(
  client: Client,
  taskQueue: string,
  operation: { id: string; organizationId: string; rootAgentId: string; workflowId: string; total: number },
): Promise<void> {
  try {
    await client.workflow.start<typeof revokeDescendantsWorkflow>('revokeDescendantsWorkflow', {
      workflowId: operation.workflowId,
      taskQueue,
      args: [
        {
          operationId: operation.id,
          organizationId: operation.organizationId,
          rootAgentId: operation.rootAgentId,
          total: operation.total,
        },
      ],
      typedSearchAttributes: [
        { key: MirOrgId, value: operation.organizationId },
        { key: MirAgentId, value: operation.rootAgentId },
        { key: MirOperation, value: 'revoke-descendants' },
      ],
      staticSummary: `Revoke ${operation.rootAgentId} and its descendants (${operation.total} agents)`,
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
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
