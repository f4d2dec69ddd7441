import { eq } from 'drizzle-orm';
import { newId } from '../../domain/ids';
import type { Plan } from '../../domain/roles';
import type { Executor } from '../client';
import { organizations } from '../schema';
import { type AuditActor, writeAudit } from './audit';
import { insertApiKey } from './api-keys';

export interface CreateOrganizationParams {
  name: string;
  plan: Plan;
  actor: AuditActor;
  requestId?: string;
}

/** The organisation and its first OWNER key are created together or not at all. */
export async function createOrganization(db: Executor, params: CreateOrganizationParams) {
  return db.transaction(async (tx) => {
    const [org] = await tx
      .insert(organizations)
      .values({ id: newId('org'), name: params.name, plan: params.plan })
      .returning();
    if (!org) throw new Error('organization insert returned no row');
    const key = await insertApiKey(tx, { organizationId: org.id, role: 'OWNER', name: 'Owner key' });
    const audit = { organizationId: org.id, actor: params.actor, requestId: params.requestId };
    await writeAudit(tx, {
      ...audit,
      action: 'organization.created',
      targetType: 'organization',
      targetId: org.id,
      details: { plan: org.plan },
    });
    await writeAudit(tx, {
      ...audit,
      action: 'api_key.created',
      targetType: 'api_key',
      targetId: key.id,
      details: { role: key.role },
    });
    return { org, key };
  });
}

export async function findOrganization(db: Executor, id: string) {
  const [org] = await db.select().from(organizations).where(eq(organizations.id, id)).limit(1);
  return org ?? null;
}
