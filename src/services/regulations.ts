import { endRegulation } from '../db/queries/regulation-end';
import { type Regulation, createRegulation } from '../db/queries/regulations';
import type { AuditActor } from '../db/queries/audit';
import { ApiError } from '../domain/errors';
import { type RegulationType, deletesData } from '../domain/regulations';
import { startRegulation } from '../temporal/client';
import type { ServiceDeps } from './deps';

type Deps = Pick<ServiceDeps, 'config' | 'database' | 'temporal' | 'logger'>;

/**
 * A partner's regulation: committed first (a suppression is in force from then on), then its
 * workflow started. Should Temporal not take it, nothing is left RUNNING without a workflow: a
 * suppression had nothing more to do and is COMPLETED; a deletion is FAILED before it deleted
 * anything and the caller hears 503, so submitting it again is safe.
 */
export async function submitRegulation(
  deps: Deps,
  input: { organizationId: string; type: RegulationType; userIds: string[]; actor: AuditActor; requestId: string },
): Promise<Regulation> {
  const db = deps.database.db;
  const regulation = await createRegulation(db, input);
  const start = { regulationId: regulation.id, organizationId: input.organizationId, regulationType: input.type };
  try {
    await startRegulation(deps.temporal, deps.config.TEMPORAL_TASK_QUEUE, start);
    return regulation;
  } catch (err) {
    deps.logger.error({ err, regulationId: regulation.id }, 'the regulation workflow could not be started');
    if (!deletesData(input.type)) {
      await endRegulation(db, regulation.id, { status: 'COMPLETED' });
      return regulation;
    }
    await endRegulation(db, regulation.id, { status: 'FAILED', failure: 'its workflow could not be started' });
    throw new ApiError(
      'worker_unavailable',
      'The deletion could not start, and nothing was deleted (a suppression it includes is in force): submit it again',
      { regulationId: regulation.id },
    );
  }
}
