import type { Executor } from '../db/client';
import { type Agent, lockAgent } from '../db/queries/agents';
import { type AgentConfig, type AgentType, DEFAULT_AGENT_RATE_LIMIT_PER_MINUTE } from '../domain/agents';
import type { Permission, Preset } from '../domain/permissions';
import { inheritFromParent } from '../domain/spawn';
import type { PartnerPrincipal } from '../domain/principals';
import { ApiError } from '../domain/errors';

/**
 * A spawned agent stays within its parent after spawn too: a PATCH that would give it more
 * than its parent has is refused like a widening spawn (403 escalation_denied).
 */
export async function assertWithinParent(
  db: Executor,
  principal: PartnerPrincipal,
  agent: Agent,
  config: AgentConfig,
  rateLimitPerMinute: number | null,
): Promise<void> {
  if (!agent.parentId) return;
  const parent = await lockAgent(db, principal.organizationId, agent.parentId);
  if (!parent) return;
  const checked = inheritFromParent(
    {
      type: parent.type as AgentType,
      preset: parent.preset as Preset | null,
      permissions: parent.permissions as Permission[],
      allowedEventTypes: parent.allowedEventTypes,
      allowedEventPatterns: parent.allowedEventPatterns,
      rateLimitPerMinute: parent.rateLimitPerMinute,
      maxBulkItems: parent.maxBulkItems,
    },
    {
      type: config.type,
      permissions: config.permissions,
      allowedEventTypes: config.allowedEventTypes,
      allowedEventPatterns: config.allowedEventPatterns,
      rateLimitPerMinute,
      maxBulkItems: config.maxBulkItems,
    },
    principal.settings.agentRateLimitPerMinute ?? DEFAULT_AGENT_RATE_LIMIT_PER_MINUTE,
  );
  if ('widened' in checked) {
    const fields = [...new Set(checked.widened.map((w) => w.field))];
    throw new ApiError(
      'escalation_denied',
      `A spawned agent cannot exceed its parent: ${fields.join(', ')}`,
      checked.widened,
    );
  }
}
