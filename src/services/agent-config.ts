import type { Agent } from '../db/queries/agents';
import { type AgentConfig, type AgentType, checkAgentConfig } from '../domain/agents';
import type { Permission, Preset } from '../domain/permissions';
import { ApiError } from '../domain/errors';

function configOrThrow(input: Parameters<typeof checkAgentConfig>[0]): AgentConfig {
  const checked = checkAgentConfig(input);
  if ('violations' in checked) {
    const [first] = checked.violations;
    throw new ApiError('guardrail_violation', `${first!.field}: ${first!.message}`, checked.violations);
  }
  return checked.config;
}

export function configForCreate(
  body: Parameters<typeof checkAgentConfig>[0] & { generateKey: boolean; agentExternalId?: string | null },
): AgentConfig {
  if (!body.generateKey && !body.agentExternalId) {
    throw new ApiError('guardrail_violation', 'generateKey: an agent without a key needs an agentExternalId', [
      { field: 'generateKey', message: 'without a key, set agentExternalId so the agent can authenticate' },
    ]);
  }
  return configOrThrow(body);
}

/** The fields of a PATCH that change what an agent may do. */
export interface AgentConfigPatch {
  preset?: Preset | null;
  permissions?: Permission[];
  allowedEventTypes?: string[];
  allowedEventPatterns?: string[];
  maxBulkItems?: number | null;
}

/** A PATCH is checked as the agent it would produce, so no sequence of edits escapes the guardrails. */
export function configForPatch(agent: Agent, patch: AgentConfigPatch): AgentConfig {
  const preset = patch.permissions ? null : (patch.preset ?? (agent.preset as Preset | null));
  return configOrThrow({
    type: agent.type as AgentType,
    preset,
    permissions: preset ? null : (patch.permissions ?? (agent.permissions as Permission[])),
    allowedEventTypes: patch.allowedEventTypes ?? agent.allowedEventTypes,
    allowedEventPatterns: patch.allowedEventPatterns ?? agent.allowedEventPatterns,
    maxBulkItems: patch.maxBulkItems !== undefined ? patch.maxBulkItems : agent.maxBulkItems,
  });
}
