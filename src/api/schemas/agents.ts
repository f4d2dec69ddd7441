import { z } from 'zod';
import { trimmedText } from '../../domain/text';
import { AGENT_STATUSES, AGENT_TYPES, MEMBERSHIP_SOURCES, RATE_LIMIT_RANGE } from '../../domain/agents';
import { EVENT_PATTERN_INPUT, EVENT_TYPE, EVENT_TYPE_INPUT, normalizeEventType } from '../../domain/events';
import { PERMISSIONS, PRESET_NAMES } from '../../domain/permissions';
import { pageParams } from './pagination';

const eventType = z
  .string()
  .max(200)
  .regex(EVENT_TYPE_INPUT, 'must be category.action, like transaction.completed')
  .transform(normalizeEventType)
  .pipe(z.string().regex(EVENT_TYPE, 'must be category.action, like transaction.completed'));
const eventPattern = z
  .string()
  .max(200)
  .regex(EVENT_PATTERN_INPUT, 'must be category.* (a trailing wildcard only)')
  .transform(normalizeEventType)
  .pipe(z.string().regex(/^[a-z][a-z0-9_]*\.\*$/, 'must be category.* (a trailing wildcard only)'));

const editable = {
  name: trimmedText(100),
  description: z.string().max(1000).nullable(),
  preset: z.enum(PRESET_NAMES),
  permissions: z.array(z.enum(PERMISSIONS)).min(1).max(PERMISSIONS.length),
  allowedEventTypes: z.array(eventType).max(100),
  allowedEventPatterns: z.array(eventPattern).max(100),
  rateLimitPerMinute: z.int().min(RATE_LIMIT_RANGE.min).max(RATE_LIMIT_RANGE.max).nullable(),
  maxBulkItems: z.int().min(1).max(500).nullable(),
};

export const createAgentBody = z.strictObject({
  ...editable,
  type: z.enum(AGENT_TYPES),
  description: editable.description.optional(),
  preset: editable.preset.optional(),
  permissions: editable.permissions.optional(),
  allowedEventTypes: editable.allowedEventTypes.optional(),
  allowedEventPatterns: editable.allowedEventPatterns.optional(),
  rateLimitPerMinute: editable.rateLimitPerMinute.optional().describe('1-10,000; null inherits the organization limit'),
  maxBulkItems: editable.maxBulkItems.optional(),
  agentExternalId: z
    .string()
    .min(1)
    .max(100)
    .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces')
    .nullable()
    .optional()
    .describe('Your id for the agent, sent as x-mir-agent-id with a partner key'),
  generateKey: z.boolean().default(true),
});

export const patchAgentBody = z
  .strictObject(editable)
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'give at least one field to change');

export const agentIdParams = z.strictObject({ id: z.string().min(1).max(64) });

const agentCore = {
  id: z.string(),
  name: z.string(),
  type: z.enum(AGENT_TYPES),
  description: z.string().nullable(),
  status: z.enum(AGENT_STATUSES),
  preset: z.string().nullable(),
  permissions: z.array(z.enum(PERMISSIONS)),
  allowedEventTypes: z.array(z.string()),
  allowedEventPatterns: z.array(z.string()),
  requireIdempotency: z.boolean(),
  maxBulkItems: z.int().nullable(),
  rateLimitPerMinute: z.int().nullable(),
  agentExternalId: z.string().nullable(),
  createdAt: z.iso.datetime(),
};

export const createdAgentResponse = z.object({
  ...agentCore,
  apiKey: z.string().nullable().describe('Shown only in this response'),
  message: z.string(),
});

export const agentDetailResponse = z.object({
  ...agentCore,
  statusReason: z.string().nullable(),
  authMode: z.enum(['agent_key', 'partner_key_header', 'none']),
  keyPrefix: z.string().nullable(),
  parentId: z.string().nullable(),
  rootId: z.string().nullable(),
  spawnDepth: z.int(),
  membershipSource: z.enum(MEMBERSHIP_SOURCES),
  updatedAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable(),
  suspendedAt: z.iso.datetime().nullable(),
  revokedAt: z.iso.datetime().nullable(),
});

export const agentListResponse = z.object({
  agents: z.array(
    agentDetailResponse.pick({
      id: true,
      name: true,
      type: true,
      status: true,
      permissions: true,
      authMode: true,
      lastUsedAt: true,
    }),
  ),
  nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last'),
});

export const listAgentsQuery = z.strictObject({
  ...pageParams,
  includeRevoked: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});

// A visible character first: the schema's input side then says what trimming would leave empty.
export const reasonBody = z.strictObject({
  reason: z.string().regex(/\S/, 'must not be blank').max(500).trim().min(1).optional(),
});

/** /v1/agents/me: the stored agent, plus what it may do now, within every ancestor as it is now. */
export const agentMeResponse = agentDetailResponse.extend({
  effective: z.object({
    permissions: z.array(z.string()),
    rateLimitPerMinute: z.int().describe("The smallest of its own and every ancestor's limit"),
    maxBulkItems: z.int().nullable(),
  }),
});
