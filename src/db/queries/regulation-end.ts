import { type Db, rawClient } from '../client';
import { writeAudit } from './audit';
import type { Regulation } from './regulations';

interface EndedRow {
  id: string;
  organization_id: string;
  type: Regulation['type'];
  status: Regulation['status'];
  user_count: number;
  events_deleted: string;
  decisions_deleted: string;
  links_ended: number;
  requested_by: Regulation['requestedBy'];
}

export interface RegulationSummary {
  regulationId: string;
  status: Regulation['status'];
  users: number;
  eventsDeleted: number;
  decisionsDeleted: number;
  linksEnded: number;
}

/**
 * COMPLETED or FAILED, once: the row then keeps its counts and forgets the user ids, and the
 * audit log records the outcome (counts only). Ending a regulation that already ended answers it
 * as it is. Null: the regulation is gone with its organisation.
 */
export async function endRegulation(
  db: Db,
  regulationId: string,
  outcome: { status: 'COMPLETED' } | { status: 'FAILED'; failure: string },
): Promise<RegulationSummary | null> {
  return db.transaction(async (tx) => {
    const sql = rawClient(tx);
    const [reg] = await sql<EndedRow[]>`select * from user_regulations where id = ${regulationId} for update`;
    if (!reg) return null;
    if (reg.status !== 'RUNNING') return summary(reg);
    const failure = outcome.status === 'FAILED' ? outcome.failure.slice(0, 500) : null;
    const [ended] = await sql<EndedRow[]>`
      update user_regulations set status = ${outcome.status}, failure = ${failure}, user_ids = null, cursor = null,
        completed_at = now()
      where id = ${regulationId} returning *`;
    const done = summary(ended!);
    const { regulationId: _, status, ...counts } = done;
    await writeAudit(tx, {
      organizationId: reg.organization_id,
      actor: { type: 'system', id: null },
      action: status === 'COMPLETED' ? 'users.regulation_completed' : 'users.regulation_failed',
      targetType: 'regulation',
      targetId: regulationId,
      details: { type: reg.type, ...counts },
    });
    return done;
  });
}

function summary(r: EndedRow): RegulationSummary {
  return {
    regulationId: r.id,
    status: r.status,
    users: r.user_count,
    eventsDeleted: Number(r.events_deleted),
    decisionsDeleted: Number(r.decisions_deleted),
    linksEnded: r.links_ended,
  };
}
