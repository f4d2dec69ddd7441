import type { RevocationOperation } from '../../db/queries/revocations';

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function presentRevocation(op: RevocationOperation) {
  return {
    operationId: op.id,
    rootAgentId: op.rootAgentId,
    total: op.total,
    revoked: op.revoked,
    status: op.status,
    workflowId: op.workflowId,
    createdAt: op.createdAt.toISOString(),
    completedAt: iso(op.completedAt),
  };
}
