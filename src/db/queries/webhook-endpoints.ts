import { and, desc, eq, lt, or, sql } from 'drizzle-orm';
import type { Cursor } from '../../domain/cursor';
import { newId } from '../../domain/ids';
import { redactWebhookUrl } from '../../domain/webhook-url';
import type { Executor } from '../client';
import { webhookEndpoints } from '../schema';
import { type AuditActor, writeAudit } from './audit';

export type WebhookEndpoint = typeof webhookEndpoints.$inferSelect;

interface Audited {
  actor: AuditActor;
  requestId: string;
}

/**
 * What an audit entry may show of an endpoint: never a secret, not even encrypted, and the URL
 * redacted (audit:read does not let one read endpoints; only webhooks:manage sees the full URL).
 */
function auditView(e: WebhookEndpoint) {
  return { url: redactWebhookUrl(e.url), description: e.description, eventTypes: e.eventTypes, enabled: e.enabled };
}

export async function createWebhookEndpoint(
  db: Executor,
  params: Audited & {
    organizationId: string;
    url: string;
    description: string | null;
    eventTypes: string[];
    enabled: boolean;
    secretCiphertext: string;
  },
): Promise<WebhookEndpoint> {
  return db.transaction(async (tx) => {
    const { actor, requestId, ...values } = params;
    const [row] = await tx
      .insert(webhookEndpoints)
      .values({ id: newId('whk'), ...values })
      .returning();
    await writeAudit(tx, {
      organizationId: params.organizationId,
      actor,
      requestId,
      action: 'webhook.created',
      targetType: 'webhook_endpoint',
      targetId: row!.id,
      details: { after: auditView(row!) },
    });
    return row!;
  });
}

export async function findWebhookEndpoint(db: Executor, organizationId: string, id: string) {
  const [row] = await db
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.id, id), eq(webhookEndpoints.organizationId, organizationId)))
    .limit(1);
  return row ?? null;
}

export async function listWebhookEndpoints(
  db: Executor,
  organizationId: string,
  page: { limit: number; cursor?: Cursor },
) {
  const after = page.cursor
    ? or(
        lt(webhookEndpoints.createdAt, page.cursor.at),
        and(eq(webhookEndpoints.createdAt, page.cursor.at), lt(webhookEndpoints.id, page.cursor.id)),
      )
    : undefined;
  const rows = await db
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.organizationId, organizationId), after))
    .orderBy(desc(webhookEndpoints.createdAt), desc(webhookEndpoints.id))
    .limit(page.limit + 1);
  const kept = rows.slice(0, page.limit);
  const last = kept[kept.length - 1];
  return { endpoints: kept, next: rows.length > page.limit && last ? { at: last.createdAt, id: last.id } : null };
}

export interface EndpointChanges {
  url?: string;
  description?: string | null;
  eventTypes?: string[];
  enabled?: boolean;
}

/** Re-enabling clears why it was disabled and its failure streak: it starts afresh. */
export async function updateWebhookEndpoint(
  db: Executor,
  organizationId: string,
  id: string,
  changes: EndpointChanges,
  audited: Audited,
): Promise<WebhookEndpoint | null> {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(webhookEndpoints)
      .where(and(eq(webhookEndpoints.id, id), eq(webhookEndpoints.organizationId, organizationId)))
      .for('update');
    if (!before) return null;
    const reenabled = changes.enabled === true && !before.enabled;
    const [after] = await tx
      .update(webhookEndpoints)
      .set({
        ...changes,
        ...(reenabled ? { disabledReason: null, disabledAt: null, failingSince: null } : {}),
        ...(changes.enabled === false && before.enabled
          ? { disabledReason: 'disabled by the organization', disabledAt: sql`now()` }
          : {}),
        updatedAt: sql`now()`,
      })
      .where(eq(webhookEndpoints.id, id))
      .returning();
    await writeAudit(tx, {
      organizationId,
      ...audited,
      action: 'webhook.updated',
      targetType: 'webhook_endpoint',
      targetId: id,
      details: { before: auditView(before), after: auditView(after!) },
    });
    return after!;
  });
}

export async function deleteWebhookEndpoint(db: Executor, organizationId: string, id: string, audited: Audited) {
  return db.transaction(async (tx) => {
    const [gone] = await tx
      .delete(webhookEndpoints)
      .where(and(eq(webhookEndpoints.id, id), eq(webhookEndpoints.organizationId, organizationId)))
      .returning();
    if (!gone) return false;
    await writeAudit(tx, {
      organizationId,
      ...audited,
      action: 'webhook.deleted',
      targetType: 'webhook_endpoint',
      targetId: id,
      details: { before: auditView(gone) },
    });
    return true;
  });
}

/**
 * The current secret becomes the previous one, signing alongside the new one until `overlapMs`
 * from now. A rotation inside an overlap keeps the previous secret and its end: the receiver most
 * likely still verifies with the original, and a rotation sent twice (a retry without an
 * Idempotency-Key) must not drop it at once; the secret between the two is the one dropped.
 */
export async function rotateWebhookSecret(
  db: Executor,
  organizationId: string,
  id: string,
  params: Audited & { secretCiphertext: string; overlapMs: number },
) {
  const overlapping = sql`(${webhookEndpoints.previousSecretExpiresAt} > now() and ${webhookEndpoints.previousSecretCiphertext} is not null)`;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(webhookEndpoints)
      .set({
        previousSecretCiphertext: sql`case when ${overlapping} then ${webhookEndpoints.previousSecretCiphertext} else ${webhookEndpoints.secretCiphertext} end`,
        previousSecretExpiresAt: sql`case when ${overlapping} then ${webhookEndpoints.previousSecretExpiresAt} else now() + make_interval(secs => ${params.overlapMs / 1000}) end`,
        secretCiphertext: params.secretCiphertext,
        updatedAt: sql`now()`,
      })
      .where(and(eq(webhookEndpoints.id, id), eq(webhookEndpoints.organizationId, organizationId)))
      .returning();
    if (!row) return null;
    await writeAudit(tx, {
      organizationId,
      actor: params.actor,
      requestId: params.requestId,
      action: 'webhook.secret_rotated',
      targetType: 'webhook_endpoint',
      targetId: id,
      details: { previousSecretExpiresAt: row.previousSecretExpiresAt },
    });
    return row;
  });
}
