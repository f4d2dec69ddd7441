import { z } from 'zod';
import { findRoleplaySession, listRoleplaySessions } from '../../../db/queries/mira/roleplay';
import { findMiraUser } from '../../../db/queries/mira/users';
import { transcriptSchema } from '../../../domain/mira/transcript';
import { CALL_TYPES, MEETING_STATUSES } from '../../../domain/mira/types';
import { submitRoleplaySession } from '../../../services/mira/meetings';
import { MiraError } from '../errors';
import { defineMiraRoute } from '../route';
import { idParams, iso, isoOrNull, pageQuery, textField, uuidField } from '../schemas/common';
import { roleplaySchema } from '../schemas/resources';
import { EXAMPLE_REP, EXAMPLE_TRANSCRIPT } from '../examples';

const createSessionBody = z.strictObject({
  user_id: uuidField,
  scenario: textField(2000),
  call_type: z.enum(CALL_TYPES).default('general'),
  transcript: transcriptSchema,
});

interface SessionRow {
  id: string;
  userId: string;
  scenario: string;
  meetingId: string;
  createdAt: Date;
  callType: (typeof CALL_TYPES)[number];
  status: (typeof MEETING_STATUSES)[number];
  failureReason: string | null;
  finishedAt: Date | null;
  reportId: string | null;
  overallScore: number | null;
}

const presentSession = (s: SessionRow) => ({
  id: s.id,
  user_id: s.userId,
  scenario: s.scenario,
  call_type: s.callType,
  status: s.status,
  failure_reason: s.failureReason,
  meeting_id: s.meetingId,
  report_id: s.reportId,
  overall_score: s.overallScore,
  created_at: iso(s.createdAt),
  finished_at: isoOrNull(s.finishedAt),
});

export const miraRoleplayRoutes = [
  defineMiraRoute({
    method: 'post',
    path: '/roleplay/sessions',
    operationId: 'createRoleplaySession',
    summary:
      "Submit a finished practice conversation; it is scored by the same pipeline as meetings (its report_id appears when it completes). Requires 'write' permission.",
    tags: ['Roleplay'],
    write: true,
    body: createSessionBody,
    example: {
      body: {
        user_id: EXAMPLE_REP,
        scenario: 'A CFO pushes back on price in the final call',
        call_type: 'negotiation',
        transcript: EXAMPLE_TRANSCRIPT,
      },
    },
    responses: { 202: { description: 'Accepted; follow its status', data: roleplaySchema } },
    handler: async ({ db, principal, body }) => {
      if (!(await findMiraUser(db, principal.organizationId, body.user_id))) {
        throw new MiraError('validation_error', 'user_id: no such user in your organization');
      }
      const { session, meeting } = await submitRoleplaySession(db, body.scenario, {
        organizationId: principal.organizationId,
        userId: body.user_id,
        title: `Roleplay: ${body.scenario.slice(0, 200)}`,
        startedAt: new Date(),
        callType: body.call_type,
        transcript: body.transcript,
      });
      const row = {
        ...session,
        callType: meeting.callType,
        status: meeting.status,
        failureReason: null,
        finishedAt: null,
        reportId: null,
        overallScore: null,
      };
      return { status: 202, data: presentSession(row) };
    },
  }),
  defineMiraRoute({
    method: 'get',
    path: '/roleplay/sessions',
    operationId: 'listRoleplaySessions',
    summary: 'List roleplay practice sessions with optional filters',
    tags: ['Roleplay'],
    query: z.strictObject({ ...pageQuery, user_id: uuidField.optional(), status: z.enum(MEETING_STATUSES).optional() }),
    responses: { 200: { description: 'A page of sessions', data: z.array(roleplaySchema), list: true } },
    handler: async ({ db, principal, query }) => {
      const { page, limit, user_id, status } = query;
      const result = await listRoleplaySessions(
        db,
        principal.organizationId,
        { userId: user_id, status },
        { page, limit },
      );
      return {
        status: 200,
        data: (result.rows as SessionRow[]).map(presentSession),
        meta: { page, limit, total: result.total },
      };
    },
  }),
  defineMiraRoute({
    method: 'get',
    path: '/roleplay/sessions/:id',
    operationId: 'getRoleplaySession',
    summary: 'Get one roleplay session, with its status and score',
    tags: ['Roleplay'],
    params: idParams,
    errors: ['not_found'],
    responses: { 200: { description: 'The session', data: roleplaySchema } },
    handler: async ({ db, principal, params }) => {
      const session = await findRoleplaySession(db, principal.organizationId, params.id);
      if (!session) throw new MiraError('not_found', `Roleplay session ${params.id} not found`);
      return { status: 200, data: presentSession(session as SessionRow) };
    },
  }),
];
