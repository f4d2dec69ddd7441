import { PERMISSIONS, ROLE_PERMISSIONS, type Permission } from './permissions';
import type { Plan, Role } from './roles';
import type { PartnerPrincipal } from './principals';
import { ApiError } from './errors';

/** What a route asks of its caller beyond a valid key; checked in this one place for every route. */
export interface AccessRule {
  plan?: Plan;
  /** Partner-key roles that may call it (agent management, settings): agent keys never can. */
  roles?: readonly Role[];
  permission?: Permission;
  /** Only an agent's own key (GET /v1/agents/me). */
  agentKeyOnly?: boolean;
  /** Reachable with a bare partner key even under enforceAgentAuth, so an owner can never lock themselves out. */
  exemptFromAgentAuth?: boolean;
}

export function effectivePermissions(principal: PartnerPrincipal): readonly Permission[] {
  if (principal.agent) return principal.agent.permissions;
  return principal.role ? ROLE_PERMISSIONS[principal.role] : [];
}

export function authorize(principal: PartnerPrincipal, rule: AccessRule): void {
  if (rule.plan && principal.plan !== rule.plan) {
    throw new ApiError('plan_required', `This endpoint needs the ${rule.plan} plan`);
  }
  if (principal.settings.enforceAgentAuth && !principal.agent && !rule.exemptFromAgentAuth) {
    throw new ApiError(
      'agent_auth_required',
      'Your organization enforces agent auth: use an agent key, or add x-mir-agent-id to your partner key',
    );
  }
  if (rule.agentKeyOnly && principal.agent?.authMode !== 'agent_key') {
    throw new ApiError('agent_key_required', 'This endpoint needs an agent API key (mir_agent_…)');
  }
  if (rule.roles) {
    if (!principal.role || !rule.roles.includes(principal.role)) {
      throw new ApiError('role_required', `This endpoint needs a partner key with role ${rule.roles.join(' or ')}`, {
        required: rule.roles,
        role: principal.role,
      });
    }
    // Acting as an agent never widens: administering needs an agent that already holds everything.
    if (principal.agent && principal.agent.permissions.length < PERMISSIONS.length) {
      throw new ApiError('role_required', 'Acting as an agent, this endpoint needs an agent with every permission', {
        required: rule.roles,
      });
    }
  }
  if (rule.permission && !effectivePermissions(principal).includes(rule.permission)) {
    throw new ApiError('permission_denied', `Missing permission ${rule.permission}`, { missing: rule.permission });
  }
}
