import { z } from 'zod';
import { REVOCATION_STATUSES } from '../../domain/lineage';

export const operationIdParams = z.strictObject({ operationId: z.string().min(1).max(64) });

export const revocationResponse = z.object({
  operationId: z.string(),
  rootAgentId: z.string(),
  total: z.int(),
  revoked: z.int(),
  status: z.enum(REVOCATION_STATUSES),
  workflowId: z.string(),
  createdAt: z.iso.datetime(),
  completedAt: z.iso.datetime().nullable(),
});
export const revocationStartedResponse = z.object({
  operationId: z.string(),
  status: z.enum(REVOCATION_STATUSES),
  rootAgentId: z.string(),
  total: z.int(),
  workflowId: z.string(),
});
