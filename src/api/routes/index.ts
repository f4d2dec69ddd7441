import type { RouteSpec } from '../route';
import { adminDiagnosticRoutes } from './admin/diagnostics';
import { adminOrganizationRoutes } from './admin/organizations';
import { adminOutboxRoutes } from './admin/outbox';
import { adminPolicyActionRoutes } from './admin/policy-actions';
import { agentKeyRoutes } from './agent-keys';
import { agentLifecycleRoutes } from './agent-lifecycle';
import { agentRoutes } from './agents';
import { auditRoutes } from './audit';
import { eventBulkRoutes } from './events-bulk';
import { eventRoutes } from './events';
import { healthRoutes } from './health';
import { policyRoutes } from './policy';
import { policyEvaluateRoutes } from './policy-evaluate';
import { resolveRoutes } from './resolve';
import { settingsRoutes } from './settings';
import { userRoutes } from './users';

/** Every JSON route of the API: mounted by the app and described by the OpenAPI document. */
export function buildRoutes(): RouteSpec[] {
  return [
    ...healthRoutes,
    ...adminOrganizationRoutes,
    ...adminDiagnosticRoutes,
    ...eventRoutes,
    ...eventBulkRoutes,
    ...resolveRoutes,
    ...agentRoutes,
    ...agentLifecycleRoutes,
    ...agentKeyRoutes,
    ...settingsRoutes,
    ...auditRoutes,
    ...policyRoutes,
    ...policyEvaluateRoutes,
    ...adminPolicyActionRoutes,
    ...adminOutboxRoutes,
    ...userRoutes,
  ];
}
