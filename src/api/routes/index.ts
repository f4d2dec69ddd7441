import type { RouteSpec } from '../route';
import { adminDiagnosticRoutes } from './admin/diagnostics';
import { adminLimitRoutes } from './admin/limits';
import { adminMiraRoutes } from './admin/mira';
import { adminOperationRoutes } from './admin/operations';
import { adminOrganizationRoutes } from './admin/organizations';
import { adminOutboxRoutes } from './admin/outbox';
import { adminPolicyActionRoutes } from './admin/policy-actions';
import { adminWebhookOutboxRoutes } from './admin/webhook-outbox';
import { adminWorkflowStartRoutes } from './admin/workflow-starts';
import { agentLineageRoutes } from './agent-lineage';
import { agentKeyRoutes } from './agent-keys';
import { agentKillSwitchRoutes } from './agent-kill-switch';
import { agentLifecycleRoutes } from './agent-lifecycle';
import { agentSpawnRoutes } from './agent-spawn';
import { agentRoutes } from './agents';
import { auditRoutes } from './audit';
import { eventBulkRoutes } from './events-bulk';
import { eventRoutes } from './events';
import { healthRoutes } from './health';
import { policyRoutes } from './policy';
import { policyEvaluateRoutes } from './policy-evaluate';
import { resolveRoutes } from './resolve';
import { settingsRoutes } from './settings';
import { keyRoutes } from './keys';
import { spawnRequestRoutes } from './spawn-requests';
import { userRoutes } from './users';
import { passwordResetRoutes } from './password-reset';
import { linkInviteRoutes } from './link-invite';
import { meLinkRoutes } from './me-links';
import { meErasureRoutes } from './me-erasure';
import { meHistoryRoutes } from './me-history';
import { meMembershipRoutes } from './me-memberships';
import { meExportRoutes } from './me-exports';
import { meCredentialRoutes } from './me-credentials';
import { issuerRoutes } from './issuer';
import { claimRoutes } from './claims';
import { linkCodeRoutes } from './link-code';
import { memberRoutes } from './members';
import { memberRoleRoutes } from './member-roles';
import { webhookDeliveryRoutes } from './webhook-deliveries';
import { webhookRoutes } from './webhooks';
import { regulationRoutes } from './regulations';

/** Every JSON route of the API: mounted by the app and described by the OpenAPI document. */
export function buildRoutes(): RouteSpec[] {
  // Express tries routes in order: the hottest first.
  return [
    ...eventRoutes,
    ...eventBulkRoutes,
    ...resolveRoutes,
    ...policyEvaluateRoutes,
    ...healthRoutes,
    ...adminOrganizationRoutes,
    ...adminLimitRoutes,
    ...adminDiagnosticRoutes,
    ...adminMiraRoutes,
    ...adminOperationRoutes,
    // Before agentRoutes: /v1/agents/tree and /v1/agents/spawn-requests must not match /v1/agents/:id.
    ...agentLineageRoutes,
    ...spawnRequestRoutes,
    ...agentKillSwitchRoutes,
    ...agentSpawnRoutes,
    ...agentRoutes,
    ...agentLifecycleRoutes,
    ...agentKeyRoutes,
    ...settingsRoutes,
    ...keyRoutes,
    ...auditRoutes,
    ...policyRoutes,
    ...adminPolicyActionRoutes,
    ...adminOutboxRoutes,
    ...adminWebhookOutboxRoutes,
    ...adminWorkflowStartRoutes,
    ...userRoutes,
    ...passwordResetRoutes,
    ...linkInviteRoutes,
    ...meLinkRoutes,
    ...meErasureRoutes,
    ...meHistoryRoutes,
    ...meMembershipRoutes,
    ...meExportRoutes,
    ...meCredentialRoutes,
    ...issuerRoutes,
    ...claimRoutes,
    ...linkCodeRoutes,
    ...memberRoutes,
    ...memberRoleRoutes,
    ...webhookRoutes,
    ...webhookDeliveryRoutes,
    ...regulationRoutes,
  ];
}
