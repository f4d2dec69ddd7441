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

/** Merges the given settings into the organisation's and audits exactly what changed, in one transaction. */
export async function updateOrganizationSettings(
  db: Executor,
  params: { organizationId: string; changes: Record<string, unknown>; actor: AuditActor; requestId?: string },
) {
  return db.transaction(async (tx) => {
    const [org] = await tx
      .select()
      .from(organizations)
      .where(eq(organizations.id, params.organizationId))
      .for('update')
      .limit(1);
    if (!org) throw new Error(`organization ${params.organizationId} vanished`);
    const before = org.settings;
    const after = { ...before, ...params.changes };
    const changed = Object.keys(params.changes).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
    if (changed.length === 0) return after;
    await tx.update(organizations).set({ settings: after }).where(eq(organizations.id, org.id));
    await writeAudit(tx, {
      organizationId: org.id,
      actor: params.actor,
      requestId: params.requestId,
      action: 'settings.updated',
      targetType: 'organization',
      targetId: org.id,
      details: {
        before: Object.fromEntries(changed.map((k) => [k, before[k] ?? null])),
        after: Object.fromEntries(changed.map((k) => [k, after[k]])),
      },
    });
    return after;
  });
}
