import type { RouteSpec } from '../route';
import { adminDiagnosticRoutes } from './admin/diagnostics';
import { adminOrganizationRoutes } from './admin/organizations';
import { agentLifecycleRoutes } from './agent-lifecycle';
import { agentRoutes } from './agents';
import { eventBulkRoutes } from './events-bulk';
import { eventRoutes } from './events';
import { healthRoutes } from './health';
import { policyRoutes } from './policy';
import { resolveRoutes } from './resolve';
import { settingsRoutes } from './settings';

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
    ...settingsRoutes,
    ...policyRoutes,
  ];
}
