import { z } from 'zod';
import { AUDIT_ACTION_FILTER } from '../../domain/text';
import { isoDateParam, pageParams } from '../schemas/pagination';
import { encodeCursor } from '../../domain/cursor';
import { AUDIT_ACTOR_TYPES, listAudit } from '../../db/queries/audit';
import type { AccessRule } from '../../domain/authorize';
import { defineRoute } from '../route';

export const AUDIT_ACCESS: AccessRule = { permission: 'audit:read' };

/** GET /v1/audit's filters, also the console's audit page's form. */
export const listAuditQuery = z.strictObject({
  ...pageParams,
  targetId: z.string().min(1).max(64).optional().describe('Only entries about this agent, key or organization'),
  actorType: z.enum(AUDIT_ACTOR_TYPES).optional(),
  action: z
    .string()
    .max(100)
    .regex(AUDIT_ACTION_FILTER, 'must be an action like agent.suspended, or a prefix with a trailing *, like agent.*')
    .transform((a) => (a.endsWith('*') ? { prefix: a.slice(0, -1) } : { exact: a }))
    .optional(),
  from: isoDateParam.optional().describe('Only entries written at or after'),
  to: isoDateParam.optional().describe('Only entries written before'),
});

const changes = z.record(z.string(), z.unknown()).nullable();

const auditEntrySchema = z.object({
  id: z.string(),
  action: z.string(),
  actor: z.object({ type: z.enum(AUDIT_ACTOR_TYPES), id: z.string().nullable() }),
  target: z.object({ type: z.string(), id: z.string() }),
  reason: z.string().nullable(),
  before: changes.describe('The changed fields as they were'),
  after: changes.describe('The changed fields as they became'),
  requestId: z.string().nullable(),
  createdAt: z.iso.datetime(),
});

const listAuditResponse = z.object({ entries: z.array(auditEntrySchema), nextCursor: z.string().nullable() });

type Row = Awaited<ReturnType<typeof listAudit>>['entries'][number];

const asRecord = (v: unknown) =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;

function presentEntry(row: Row): z.input<typeof auditEntrySchema> {
  const details = row.details;
  return {
    id: row.id,
    action: row.action,
    actor: { type: row.actorType, id: row.actorId },
    target: { type: row.targetType, id: row.targetId },
    reason: typeof details.reason === 'string' ? details.reason : null,
    before: asRecord(details.before),
    after: asRecord(details.after),
    requestId: row.requestId,
    createdAt: row.createdAt.toISOString(),
  };
}

export const auditRoutes = [
  defineRoute({
    method: 'get',
    path: '/v1/audit',
    operationId: 'listAuditEntries',
    summary: "List your organization's audit log (agent and settings changes), newest first",
    tags: ['Audit'],
    auth: 'partner',
    access: AUDIT_ACCESS,
    query: listAuditQuery,
    responses: { 200: { description: 'One page of audit entries', schema: listAuditResponse } },
    handler: async ({ query, db, principal }) => {
      const page = await listAudit(db, principal.organizationId, query);
      return {
        status: 200,
        body: { entries: page.entries.map(presentEntry), nextCursor: page.next ? encodeCursor(page.next) : null },
      };
    },
  }),
];
