import { z } from 'zod';
import { pageParams } from './pagination';
import { AGENT_STATUSES, AGENT_TYPES, MEMBERSHIP_SOURCES } from '../../domain/agents';
import { agentDetailResponse } from './agents';

export const agentNodeSchema = z.object({
  id: z.string(),
  name: z.string(),
  type: z.enum(AGENT_TYPES),
  status: z.enum(AGENT_STATUSES),
  parentId: z.string().nullable(),
  rootId: z.string().nullable(),
  spawnDepth: z.int(),
  membershipSource: z.enum(MEMBERSHIP_SOURCES),
  createdAt: z.iso.datetime(),
});

export const lineageResponse = z.object({
  agent: agentDetailResponse,
  ancestors: z.array(agentNodeSchema).describe('Root first, parent last'),
  children: z.array(agentNodeSchema),
  depth: z.int(),
});

export type TreeNode = z.infer<typeof agentNodeSchema> & { children: TreeNode[] };
// Recursive, so /openapi.json holds it once under components.schemas by this id and refers to it.
export const treeNodeSchema: z.ZodType<TreeNode> = agentNodeSchema
  .extend({
    get children() {
      return z.array(treeNodeSchema);
    },
  })
  .meta({ id: 'AgentTreeNode' });

export const treeQuery = z.strictObject({
  rootAgentId: z.string().min(1).max(64).optional().describe('Only this agent and its descendants (one page)'),
  limit: pageParams.limit.describe('Roots per page, each with its whole family'),
  cursor: pageParams.cursor,
});
export const treeResponse = z.object({
  roots: z.array(treeNodeSchema),
  total: z.int().describe('Agents in this page'),
  nextCursor: z.string().nullable().describe('Pass as `cursor` for the next roots; null on the last page'),
});
