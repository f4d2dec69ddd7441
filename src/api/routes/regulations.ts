import { createRegulation, findRegulation, listRegulations, listSuppressions } from '../../db/queries/regulations';
import type { AccessRule } from '../../domain/authorize';
import { encodeCursor } from '../../domain/cursor';
import { ApiError } from '../../domain/errors';
import { assertBulkCap } from '../bulk';
import { auditActorOf } from '../present/agents';
import { presentRegulation } from '../present/regulations';
import { defineRoute } from '../route';
import {
  createRegulationBody,
  regulationIdParams,
  regulationListQuery,
  regulationListResponse,
  regulationResponse,
  regulationStartedResponse,
  suppressionListResponse,
} from '../schemas/regulations';

/** OWNER and ADMIN keys hold users:delete; an agent only when given it (no preset but admin has it). */
const REGULATE: AccessRule = { permission: 'users:delete' };

export const regulationRoutes = [
  defineRoute({
    method: 'post',
    path: '/v1/users/regulations',
    operationId: 'createRegulation',
    summary: 'Delete or suppress your users: a suppression is in force from this answer; a deletion runs as a workflow',
    tags: ['Regulations'],
    auth: 'partner',
    access: REGULATE,
    body: createRegulationBody,
    example: { body: { type: 'SUPPRESS', userIds: ['user_1077'] } },
    errors: ['bulk_limit_exceeded'],
    responses: {
      202: { description: 'Accepted; follow it with GET /v1/users/regulations/:id', schema: regulationStartedResponse },
    },
    handler: async ({ body, db, principal, requestId }) => {
      assertBulkCap(principal, body.userIds.length);
      // Under an Idempotency-Key `db` is the transaction that also stores the answer.
      const regulation = await createRegulation(db, {
        organizationId: principal.organizationId,
        type: body.type,
        userIds: body.userIds,
        actor: auditActorOf(principal),
        requestId,
      });
      return { status: 202, body: { regulationId: regulation.id, type: regulation.type, status: regulation.status } };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/users/regulations',
    operationId: 'listRegulations',
    summary: "Your organization's regulations, newest first",
    tags: ['Regulations'],
    auth: 'partner',
    access: REGULATE,
    query: regulationListQuery,
    responses: { 200: { description: 'One page of regulations', schema: regulationListResponse } },
    handler: async ({ query, db, principal }) => {
      const page = await listRegulations(db, principal.organizationId, query);
      return {
        status: 200,
        body: {
          regulations: page.items.map(presentRegulation),
          nextCursor: page.next ? encodeCursor(page.next) : null,
        },
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/users/regulations/:id',
    operationId: 'getRegulation',
    summary: 'One regulation: its status and what it deleted and ended so far',
    tags: ['Regulations'],
    auth: 'partner',
    access: REGULATE,
    params: regulationIdParams,
    errors: ['regulation_not_found'],
    responses: { 200: { description: 'The regulation', schema: regulationResponse } },
    handler: async ({ params, db, principal }) => {
      const regulation = await findRegulation(db, principal.organizationId, params.id);
      if (!regulation) throw new ApiError('regulation_not_found', `Regulation ${params.id} not found`);
      return { status: 200, body: presentRegulation(regulation) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/users/suppressions',
    operationId: 'listSuppressions',
    summary: 'The users whose events you refuse (SUPPRESS), most recently suppressed first',
    tags: ['Regulations'],
    auth: 'partner',
    access: REGULATE,
    query: regulationListQuery,
    responses: { 200: { description: 'One page of suppressed users', schema: suppressionListResponse } },
    handler: async ({ query, db, principal }) => {
      const page = await listSuppressions(db, principal.organizationId, query);
      return {
        status: 200,
        body: {
          suppressions: page.items.map((s) => ({ userId: s.userId, suppressedAt: s.suppressedAt.toISOString() })),
          nextCursor: page.next ? encodeCursor(page.next) : null,
        },
      };
    },
  }),
];
