import type { Regulation } from '../../db/queries/regulations';

export function presentRegulation(r: Regulation) {
  return {
    regulationId: r.id,
    type: r.type,
    status: r.status,
    counts: { users: r.userCount, events: r.eventsDeleted, decisions: r.decisionsDeleted, linksEnded: r.linksEnded },
    workflowId: r.workflowId,
    createdAt: r.createdAt.toISOString(),
    completedAt: r.completedAt?.toISOString() ?? null,
    failure: r.failure,
  };
}
