import { z } from 'zod';
import { AGENT_TYPES } from '../../domain/agents';
import {
  DEFAULT_MAX_AGENTS_PER_ORGANIZATION,
  DEFAULT_MAX_CHILDREN_PER_AGENT,
  MAX_SPAWN_DEPTH,
  SPAWN_REQUEST_STATUSES,
} from '../../domain/spawn-policy';
import { PERMISSIONS } from '../../domain/permissions';
import { agentDetailResponse, createAgentBody } from './agents';

export const spawnPolicySchema = z.strictObject({
  enabled: z.boolean(),
  maxDepth: z.int().min(1).max(MAX_SPAWN_DEPTH).describe('Deepest spawnDepth a child may have (a root is 0)'),
  requireApprovalFromDepth: z.int().min(1).max(MAX_SPAWN_DEPTH).optional().describe('Children this deep need approval'),
  requireApprovalForPermissions: z
    .array(z.enum(PERMISSIONS))
    .max(PERMISSIONS.length)
    .optional()
    .describe('Children holding any of these need approval'),
  approvalTimeoutSeconds: z
    .int()
    .min(1)
    .max(30 * 86_400)
    .optional()
    .describe('Pending requests expire after this (default 72 h)'),
  maxChildrenPerAgent: z
    .int()
    .min(1)
    .max(100_000)
    .optional()
    .describe(`Live children (and pending requests) one agent may have (default ${DEFAULT_MAX_CHILDREN_PER_AGENT})`),
  maxAgentsPerOrganization: z
    .int()
    .min(1)
    .max(1_000_000)
    .optional()
    .describe(
      `Live agents (and pending requests) spawning may bring the organisation to (default ${DEFAULT_MAX_AGENTS_PER_ORGANIZATION})`,
    ),
});

/** As agent create; every power field may be omitted to inherit the parent's, type included. */
export const spawnAgentBody = createAgentBody.extend({ type: createAgentBody.shape.type.optional() });

export const spawnedAgentResponse = agentDetailResponse.extend({
  apiKey: z.string().nullable().describe('Shown only in this response'),
  message: z.string(),
});

export const spawnRequestIdParams = z.strictObject({ id: z.string().min(1).max(64) });

const actor = z.object({ type: z.string(), id: z.string().nullable() });

export const spawnRequestResponse = z.object({
  id: z.string(),
  status: z.enum(SPAWN_REQUEST_STATUSES),
  parentAgentId: z.string(),
  childAgentId: z.string(),
  child: z.object({
    name: z.string(),
    type: z.enum(AGENT_TYPES),
    permissions: z.array(z.enum(PERMISSIONS)),
    allowedEventTypes: z.array(z.string()),
    allowedEventPatterns: z.array(z.string()),
    rateLimitPerMinute: z.int().nullable(),
    maxBulkItems: z.int().nullable(),
    spawnDepth: z.int(),
  }),
  keyPrefix: z.string().nullable(),
  approvalReasons: z.array(z.string()),
  requestedBy: actor.extend({
    keyId: z.string().optional().describe("The partner key that asked on the agent's behalf; it may not decide either"),
  }),
  decidedBy: actor.extend({ via: z.string() }).nullable(),
  decisionReason: z.string().nullable(),
  workflowId: z.string(),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  decidedAt: z.iso.datetime().nullable(),
});

export const pendingSpawnResponse = z.object({
  spawnRequestId: z.string(),
  status: z.literal('PENDING_APPROVAL'),
  apiKey: z.string().nullable().describe('Refused (401 agent_pending_approval) until approved; shown only here'),
  expiresAt: z.iso.datetime(),
  childAgentId: z.string(),
  approvalReasons: z.array(z.string()),
  workflowId: z.string(),
});

export const listSpawnRequestsQuery = z.strictObject({
  status: z.enum(SPAWN_REQUEST_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const decisionResponse = z.object({ spawnRequest: spawnRequestResponse, agent: agentDetailResponse.nullable() });

export const spawnRequestListResponse = z.object({ spawnRequests: z.array(spawnRequestResponse) });
