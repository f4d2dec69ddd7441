import { z } from 'zod';
import { EXPORT_FORMAT, EXPORT_STATUSES } from '../../domain/exports';
import { SIGNIFICANCES } from '../../domain/events';

export const exportIdParams = z.strictObject({ id: z.string().min(1).max(64) });

export const exportStatus = z.object({
  exportId: z.string(),
  status: z.enum(EXPORT_STATUSES).describe('PENDING while written, READY to download, EXPIRED once deleted; FAILED'),
  createdAt: z.iso.datetime().describe('When asked for: the document holds what MIR held at this time'),
  readyAt: z.iso.datetime().nullable(),
  expiresAt: z.iso.datetime().nullable().describe('When the file is deleted (set once READY)'),
  size: z.int().nullable().describe('The document in bytes, while READY'),
});

const time = z.iso.datetime();
const partner = z.object({ id: z.string(), name: z.string() });

/** The downloaded document: what /openapi.json tells a reader, and what the tests hold it to. */
export const exportDocument = z.object({
  format: z.literal(EXPORT_FORMAT),
  exportId: z.string(),
  createdAt: time,
  account: z.object({ id: z.string(), email: z.string(), emailVerifiedAt: time.nullable(), createdAt: time }),
  links: z.array(
    z.object({
      linkId: z.string(),
      partner,
      yourIdThere: z.string().describe("The partner's own id for you"),
      method: z.enum(['invite', 'code']),
      linkedAt: time,
      unlinkedAt: time.nullable(),
    }),
  ),
  memberships: z.array(
    z.object({
      organization: partner,
      memberId: z.string(),
      role: z.string(),
      since: time,
      endedAt: time.nullable(),
    }),
  ),
  credentials: z.array(
    z.object({
      id: z.string(),
      claims: z.record(z.string(), z.unknown()),
      disclosed: z.array(z.string()),
      issuedAt: time,
      expiresAt: time,
      revokedAt: time.nullable(),
      verifications: z.array(z.object({ partner, status: z.string(), at: time })),
    }),
  ),
  events: z
    .array(
      z.object({
        id: z.string(),
        partner,
        type: z.string(),
        significance: z.enum(SIGNIFICANCES),
        data: z.record(z.string(), z.unknown()).nullable(),
        occurredAt: time,
        receivedAt: time,
      }),
    )
    .describe('Every event of every partner you are linked to, partner by partner, oldest first'),
  accessLog: z.array(
    z.object({
      partner,
      operation: z.string(),
      action: z.string().nullable(),
      outcome: z.string().nullable(),
      at: time,
    }),
  ),
  audit: z
    .array(
      z.object({
        id: z.string(),
        organization: partner,
        actorType: z.string(),
        action: z.string(),
        target: z.object({ type: z.string(), id: z.string() }),
        details: z.record(z.string(), z.unknown()),
        at: time,
      }),
    )
    .describe('Entries about you in the audit trails of the organisations you dealt with'),
});
