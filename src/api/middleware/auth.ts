import type { Request } from 'express';
import { findActiveKeyByHash } from '../../db/queries/api-keys';
import { hashSecret, secretMatchesHash } from '../../domain/keys';
import type { AdminPrincipal, AppDeps, PartnerPrincipal } from '../context';
import { ApiError } from '../errors';

export async function authenticatePartner(req: Request, deps: AppDeps): Promise<PartnerPrincipal> {
  const key = req.get('x-api-key');
  if (!key) throw new ApiError('unauthorized', 'Missing API key: send it in the x-api-key header');
  const row = await findActiveKeyByHash(deps.database.db, hashSecret(key));
  if (!row) throw new ApiError('unauthorized', 'Invalid or revoked API key');
  return {
    kind: 'partner',
    organizationId: row.organizationId,
    organizationName: row.organizationName,
    plan: row.plan,
    keyId: row.keyId,
    role: row.role,
  };
}

export function authenticateAdmin(req: Request, deps: AppDeps): AdminPrincipal {
  const header = req.get('authorization') ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match?.[1]) throw new ApiError('unauthorized', 'Missing admin token: send Authorization: Bearer <token>');
  if (!secretMatchesHash(match[1], deps.adminTokenHash)) throw new ApiError('unauthorized', 'Invalid admin token');
  return { kind: 'admin' };
}
