import { z } from 'zod';
import { publicUrl } from '../../config';
import { publishedKeys } from '../../db/queries/issuer-keys';
import { STATUS_LIST_TTL_SECONDS } from '../../domain/credentials';
import { ApiError } from '../../domain/errors';
import { issuerKeyEncryptionKey } from '../../services/credentials/issuer-keys';
import { signedStatusList } from '../../services/credentials/status-list';
import { defineRoute } from '../route';

const jwks = z.object({ keys: z.array(z.record(z.string(), z.string())) });

/** What an offline verifier fetches (docs/credentials.md): the issuer's keys and the status lists. */
export const issuerRoutes = [
  defineRoute({
    method: 'get',
    path: '/.well-known/jwt-vc-issuer',
    operationId: 'getIssuerMetadata',
    summary: 'SD-JWT VC issuer metadata: the issuer and its public keys',
    tags: ['Credentials'],
    auth: 'none',
    responses: { 200: { description: 'Issuer metadata', schema: z.object({ issuer: z.string(), jwks }) } },
    handler: async ({ db, deps, res }) => {
      res.set('Cache-Control', `public, max-age=${STATUS_LIST_TTL_SECONDS}`);
      return { status: 200, body: { issuer: publicUrl(deps.config), jwks: { keys: await publicJwks(db) } } };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/.well-known/jwks.json',
    operationId: 'getIssuerKeys',
    summary: "The issuer's public keys (JWKS): those signing and those whose credentials are still valid",
    tags: ['Credentials'],
    auth: 'none',
    responses: { 200: { description: 'JWKS', schema: jwks } },
    handler: async ({ db, res }) => {
      res.set('Cache-Control', `public, max-age=${STATUS_LIST_TTL_SECONDS}`);
      return { status: 200, body: { keys: await publicJwks(db) } };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/status-lists/:n',
    operationId: 'getStatusList',
    summary: 'A Token Status List (application/statuslist+jwt): bit idx is 1 when that credential is revoked',
    tags: ['Credentials'],
    auth: 'none',
    params: z.strictObject({
      n: z
        .string()
        .regex(/^(0|[1-9][0-9]{0,8})$/, 'must be a list number')
        .transform(Number),
    }),
    errors: ['not_found'],
    responses: { 200: { description: 'The signed list (a compact JWT, not JSON)' } },
    handler: async ({ db, deps, params, res }) => {
      const jwt = await signedStatusList(db, {
        issuer: publicUrl(deps.config),
        listNo: params.n,
        encryptionKey: issuerKeyEncryptionKey(deps.webhookSecretKey),
      });
      if (!jwt) throw new ApiError('not_found', 'No such status list');
      res
        .set('Cache-Control', `public, max-age=${STATUS_LIST_TTL_SECONDS}`)
        .type('application/statuslist+jwt')
        .send(jwt);
      return undefined;
    },
  }),
];

async function publicJwks(db: Parameters<typeof publishedKeys>[0]) {
  return (await publishedKeys(db)).map((k) => k.publicJwk);
}
