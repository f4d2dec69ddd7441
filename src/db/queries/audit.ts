import { newId } from '../../domain/ids';
import type { Executor } from '../client';
import { auditLog } from '../schema';

export interface AuditActor {
  type: 'admin' | 'api_key' | 'agent' | 'user' | 'system';
  id: string | null;
}

export interface AuditEntry {
  organizationId: string;
  actor: AuditActor;
  action: string;
  targetType: string;
  targetId: string;
  details?: Record<string, unknown>;
  requestId?: string | null;
}

/** Call inside the transaction that makes the change, so the change and its record land together. */
export async function writeAudit(db: Executor, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    id: newId('aud'),
    organizationId: entry.organizationId,
    actorType: entry.actor.type,
    actorId: entry.actor.id,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    details: entry.details ?? {},
    requestId: entry.requestId ?? null,
  });
}
