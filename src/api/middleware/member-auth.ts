import type { Request } from 'express';
import { findMemberSession } from '../../db/queries/member-sessions';
import { hashSecret } from '../../domain/keys';
import type { OrgSettings, PartnerPrincipal } from '../../domain/principals';
import { ApiError } from '../../domain/errors';
import type { AppDeps } from '../context';
import { SESSION_TOKEN_SHAPE } from './user-auth';

/** What newId('org') issues; anything else is refused before a lookup. */
export const ORG_ID_SHAPE = /^org_[0-9a-z]{1,60}$/;

const badHeader = (message: string) =>
  new ApiError('validation_failed', `Invalid X-MIR-Org header: ${message}`, [
    { in: 'header', path: 'x-mir-org', message },
  ]);

/**
 * A cookie rides along with any request the browser makes, so a cookie session must show it was
 * sent by a page of this origin: X-MIR-Org (required) is a custom header, which no form can send
 * and which cross-origin fetch may send only after a CORS preflight this API never grants; and a
 * browser that says the request is cross-site or from a sibling site is refused outright.
 */
function assertSameOrigin(req: Request): void {
  const site = req.get('sec-fetch-site');
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    throw new ApiError('forbidden', 'A session cookie is accepted only from this origin (Sec-Fetch-Site)');
  }
}

/**
 * A person's session acting for one organisation (X-MIR-Org): a PartnerPrincipal with the member's
 * role and no key, so every route authorizes it exactly as a partner key of that role. Unknown
 * organisation and non-member are the same 404.
 */
export async function authenticateMember(
  req: Request,
  deps: AppDeps,
  token: string,
  via: 'bearer' | 'cookie',
): Promise<PartnerPrincipal> {
  if (!SESSION_TOKEN_SHAPE.test(token))
    throw new ApiError('unauthorized', 'Session expired or logged out; log in again');
  if (via === 'cookie') assertSameOrigin(req);
  const org = req.get('x-mir-org');
  const orgId = org !== undefined && ORG_ID_SHAPE.test(org) ? org : null;
  const found = await findMemberSession(deps.database.db, hashSecret(token), orgId);
  if (!found) throw new ApiError('unauthorized', 'Session expired or logged out; log in again');
  if (org === undefined || org === '') {
    throw new ApiError('organization_required', 'A session acts for one organization: send X-MIR-Org: org_…');
  }
  if (!orgId) throw badHeader('expected an organization id (org_…)');
  if (req.get('x-mir-agent-id') !== undefined) {
    throw new ApiError('forbidden', 'A person acts as themselves: x-mir-agent-id needs a partner key');
  }
  const principal = memberPrincipalOf(found);
  if (!principal) throw new ApiError('organization_not_found', `Organization ${orgId} not found`);
  return principal;
}

/**
 * The one way a person's membership becomes a principal, for the API (above) and the console
 * pages alike: their member role, no key, their account as the actor. Null for a non-member.
 */
export function memberPrincipalOf(
  found: NonNullable<Awaited<ReturnType<typeof findMemberSession>>>,
): PartnerPrincipal | null {
  const { member } = found;
  if (!member) return null;
  return {
    kind: 'partner',
    organizationId: member.organizationId,
    organizationName: member.organizationName,
    plan: member.plan,
    settings: member.settings as OrgSettings,
    keyId: null,
    role: member.role,
    agent: null,
    member: { accountId: found.accountId, memberId: member.memberId },
  };
}
