import type { Executor } from '../db/client';
import type { AuditActor } from '../db/queries/audit';
import { updateOrganizationSettings } from '../db/queries/organizations';
import type { ServiceDeps } from './deps';
import { assertRedirectOrigins } from './redirect-origins';

/**
 * An organisation's settings changed (PATCH /portal/api/settings and the console's settings page):
 * redirect origins checked, then the changed keys written with their audit entry. The caller
 * flushes the auth cache once this has committed, so principals read the new settings.
 */
export async function changeOrgSettings(
  deps: Pick<ServiceDeps, 'config'>,
  db: Executor,
  params: { organizationId: string; changes: Record<string, unknown>; actor: AuditActor; requestId?: string },
) {
  const origins = params.changes.linkRedirectOrigins;
  if (Array.isArray(origins)) assertRedirectOrigins(origins as string[], deps.config);
  return updateOrganizationSettings(db, params);
}
