import type { RegulationType } from './regulations';
import { workflowIds } from './workflow-ids';

/**
 * Every workflow start that follows a committed change, as the outbox (`workflow_starts`) keeps it
 * until the worker's dispatcher has started it: the workflow type and its arguments. Arguments are
 * ids and times only, never a secret: the row sits in Postgres and the arguments go to Temporal.
 * Values derived from the worker's config (a webhook's retry schedule, a spawn's remaining wait)
 * are filled in when the workflow starts.
 */
export type WorkflowStart =
  | {
      type: 'spawnApprovalWorkflow';
      args: {
        spawnRequestId: string;
        organizationId: string;
        parentAgentId: string;
        childAgentId: string;
        expiresAt: string;
      };
    }
  | {
      type: 'revokeDescendantsWorkflow';
      args: { operationId: string; organizationId: string; rootAgentId: string; total: number };
    }
  | { type: 'linkInviteWorkflow'; args: LinkRequestArgs }
  | { type: 'linkCodeWorkflow'; args: LinkRequestArgs }
  | { type: 'memberAutoLinkWorkflow'; args: { mirUserId: string } }
  | { type: 'miraMeetingWorkflow'; args: { meetingId: string; organizationId: string; source: 'call' | 'roleplay' } }
  | {
      type: 'webhookDeliveryWorkflow';
      args: { deliveryId: string; organizationId: string; endpointId: string; eventType: string };
    }
  | { type: 'dataExportWorkflow'; args: { exportId: string; mirUserId: string } }
  | {
      type: 'regulationWorkflow';
      args: { regulationId: string; organizationId: string; regulationType: RegulationType };
    }
  | { type: 'erasureWorkflow'; args: { accountId: string } };

export type WorkflowStartType = WorkflowStart['type'];

interface LinkRequestArgs {
  requestId: string;
  organizationId: string;
  expiresAt: string;
  /** The agent that asked for it, when an agent key or a partner key speaking as one did. */
  agentId: string | null;
}

/**
 * MirOrgId of the workflows that belong to no single organisation, so `MirOrgId` is set on every
 * workflow and a filter on it never silently drops one: diagnostics and Mira's meetings (which
 * carry MiraOrgId) belong to none, and a person's member auto-link claims invites in every
 * organisation that imported the address.
 */
export const NO_ORGANIZATION = 'none';
export const EVERY_ORGANIZATION = 'all';

/** The custom search attributes MIR's workflows set (registered as Keyword: search-attributes.ts). */
export type SearchAttributeName = 'MirOrgId' | 'MirAgentId' | 'MirUserId' | 'MirOperation' | 'MiraOrgId';

/** The business key the workflow runs under: starting it twice finds the first run. */
export function workflowIdOf(start: WorkflowStart): string {
  switch (start.type) {
    case 'spawnApprovalWorkflow':
      return workflowIds.spawnApproval(start.args.spawnRequestId);
    case 'revokeDescendantsWorkflow':
      return workflowIds.revokeDescendants(start.args.rootAgentId, start.args.operationId);
    case 'linkInviteWorkflow':
    case 'linkCodeWorkflow':
      return workflowIds.linkRequest({
        kind: start.type === 'linkInviteWorkflow' ? 'invite' : 'code',
        id: start.args.requestId,
      });
    case 'memberAutoLinkWorkflow':
      return workflowIds.memberAutoLink(start.args.mirUserId);
    case 'miraMeetingWorkflow':
      return workflowIds.miraMeeting(start.args.meetingId);
    case 'webhookDeliveryWorkflow':
      return workflowIds.webhookDelivery(start.args.deliveryId);
    case 'dataExportWorkflow':
      return workflowIds.dataExport(start.args.exportId);
    case 'regulationWorkflow':
      return workflowIds.regulation(start.args.regulationId);
    case 'erasureWorkflow':
      return workflowIds.erasure(start.args.accountId);
  }
}

/**
 * The search attributes (by name) the workflow starts with, so operators filter the Temporal UI
 * and `npm run mir -- outbox` by the same business keys. MirUserId of a link request is added by
 * its workflow once a person confirms: nobody is known before.
 */
export function searchAttributesOf(start: WorkflowStart): Partial<Record<SearchAttributeName, string>> {
  switch (start.type) {
    case 'spawnApprovalWorkflow':
      return {
        MirOrgId: start.args.organizationId,
        MirAgentId: start.args.parentAgentId,
        MirOperation: 'spawn-approval',
      };
    case 'revokeDescendantsWorkflow':
      return {
        MirOrgId: start.args.organizationId,
        MirAgentId: start.args.rootAgentId,
        MirOperation: 'revoke-descendants',
      };
    case 'linkInviteWorkflow':
    case 'linkCodeWorkflow':
      return {
        MirOrgId: start.args.organizationId,
        MirOperation: start.type === 'linkInviteWorkflow' ? 'link-invite' : 'link-code',
        ...(start.args.agentId ? { MirAgentId: start.args.agentId } : {}),
      };
    case 'memberAutoLinkWorkflow':
      return { MirOrgId: EVERY_ORGANIZATION, MirUserId: start.args.mirUserId, MirOperation: 'member-autolink' };
    case 'miraMeetingWorkflow':
      return { MirOrgId: NO_ORGANIZATION, MiraOrgId: start.args.organizationId, MirOperation: 'mira-meeting' };
    case 'webhookDeliveryWorkflow':
      return { MirOrgId: start.args.organizationId, MirOperation: 'webhook' };
    case 'dataExportWorkflow':
      return { MirOrgId: NO_ORGANIZATION, MirUserId: start.args.mirUserId, MirOperation: 'data-export' };
    case 'regulationWorkflow':
      return { MirOrgId: start.args.organizationId, MirOperation: 'regulation' };
    case 'erasureWorkflow':
      return { MirOrgId: NO_ORGANIZATION, MirUserId: start.args.accountId, MirOperation: 'erasure' };
  }
}

/** The erasure workflow's wake-up (src/workflows/messages.ts defines it by this name). */
export const ERASURE_CHANGED_SIGNAL = 'erasureChanged';

/**
 * The signal a start sends (signal-with-start: the running workflow gets it, or one is started
 * with it), or null for a plain start. Only for a workflow that keeps its state in Postgres and
 * takes the signal as "read again": a request that meets a run about to end is seen by that run
 * or starts the next, and a signal repeated after a dispatcher crash is one more wake-up.
 */
export function signalOf(start: WorkflowStart): string | null {
  return start.type === 'erasureWorkflow' ? ERASURE_CHANGED_SIGNAL : null;
}
