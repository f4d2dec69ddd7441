import { z } from 'zod';
import { findMiraMeeting, listMiraMeetings } from '../../../db/queries/mira/meetings';
import { listMiraReports } from '../../../db/queries/mira/reports';
import { findMiraUser } from '../../../db/queries/mira/users';
import { MAX_FUTURE_SKEW_MS } from '../../../domain/events';
import { speakersField, transcriptSchema } from '../../../domain/mira/transcript';
import { CALL_TYPES, MEETING_STATUSES } from '../../../domain/mira/types';
import { submitMiraMeeting } from '../../../services/mira/meetings';
import { MiraError } from '../errors';
import { presentMeeting, presentReport } from '../present';
import { defineMiraRoute } from '../route';
import {
  fromNotAfterTo,
  idParams,
  isoDateQuery,
  isoUpperBoundQuery,
  pageQuery,
  textField,
  uuidField,
} from '../schemas/common';
import { meetingSchema, meetingWithTranscriptSchema, reportSchema } from '../schemas/resources';
import { exampleMeeting } from '../examples';

// A meeting that has a transcript has happened: from 1970 to now, give or take a clock's skew.
const startedAt = z.iso
  .datetime({ offset: true, message: 'must be an ISO 8601 date-time' })
  .refine((s) => new Date(s).getTime() >= 0, 'must not be before 1970')
  .refine(
    (s) => new Date(s).getTime() <= Date.now() + MAX_FUTURE_SKEW_MS,
    'must not be more than 5 minutes in the future',
  );

const createMeetingBody = z
  .strictObject({
    title: textField(500),
    user_id: uuidField,
    started_at: startedAt,
    call_type: z.enum(CALL_TYPES).default('general'),
    prospect: z
      .strictObject({
        name: textField(200).optional(),
        title: textField(200).optional(),
        company: textField(200).optional(),
        industry: textField(200).optional(),
      })
      .optional(),
    transcript: transcriptSchema.optional(),
    speakers: speakersField.optional(),
    transcript_url: z
      .url({ protocol: /^https?$/, message: 'must be an http(s) URL' })
      .max(2048)
      .optional(),
  })
  .refine((b) => !(b.transcript && b.transcript_url), {
    path: ['transcript_url'],
    message: 'give either transcript or transcript_url, not both',
  });

const listMeetingsQuery = z
  .strictObject({
    ...pageQuery,
    status: z.enum(MEETING_STATUSES).optional(),
    user_id: uuidField.optional(),
    from: isoDateQuery.optional(),
    to: isoUpperBoundQuery.optional().describe('Meetings started up to this instant, or through this whole UTC day'),
  })
  .superRefine(fromNotAfterTo('from', 'to'));

export const miraMeetingRoutes = [
  defineMiraRoute({
    method: 'post',
    path: '/meetings',
    operationId: 'createMeeting',
    summary:
      "Submit a meeting for coaching: 202 with status pending; its workflow (mira-meeting:<id>) fetches, scores and reports. Requires 'write' permission.",
    tags: ['Meetings'],
    write: true,
    body: createMeetingBody,
    example: { body: exampleMeeting() },
    responses: { 202: { description: 'Accepted; follow its status', data: meetingSchema } },
    handler: async ({ db, principal, body }) => {
      if (!(await findMiraUser(db, principal.organizationId, body.user_id))) {
        throw new MiraError('validation_error', 'user_id: no such user in your organization');
      }
      const meeting = await submitMiraMeeting(db, {
        organizationId: principal.organizationId,
        userId: body.user_id,
        title: body.title,
        startedAt: new Date(body.started_at),
        callType: body.call_type,
        prospectName: body.prospect?.name ?? null,
        prospectTitle: body.prospect?.title ?? null,
        prospectCompany: body.prospect?.company ?? null,
        prospectIndustry: body.prospect?.industry ?? null,
        transcript: body.transcript ?? null,
        speakers: body.speakers ?? null,
        transcriptUrl: body.transcript_url ?? null,
      });
      return { status: 202, data: presentMeeting(meeting) };
    },
  }),
  defineMiraRoute({
    method: 'get',
    path: '/meetings',
    operationId: 'listMeetings',
    summary: 'List meetings for your organization with optional filters',
    tags: ['Meetings'],
    query: listMeetingsQuery,
    responses: {
      200: { description: 'A page of meetings (without transcripts)', data: z.array(meetingSchema), list: true },
    },
    handler: async ({ db, principal, query }) => {
      const { page, limit, user_id, ...filter } = query;
      const result = await listMiraMeetings(
        db,
        principal.organizationId,
        { ...filter, userId: user_id },
        { page, limit },
      );
      return { status: 200, data: result.rows.map(presentMeeting), meta: { page, limit, total: result.total } };
    },
  }),
  defineMiraRoute({
    method: 'get',
    path: '/meetings/:id',
    operationId: 'getMeeting',
    summary: 'Get a single meeting by ID, including the full transcript',
    tags: ['Meetings'],
    params: idParams,
    errors: ['not_found'],
    responses: { 200: { description: 'The meeting', data: meetingWithTranscriptSchema } },
    handler: async ({ db, principal, params }) => {
      const meeting = await findMiraMeeting(db, params.id, principal.organizationId);
      if (!meeting || meeting.source !== 'call') throw new MiraError('not_found', `Meeting ${params.id} not found`);
      return { status: 200, data: { ...presentMeeting(meeting), transcript: meeting.transcript } };
    },
  }),
  defineMiraRoute({
    method: 'get',
    path: '/meetings/:id/report',
    operationId: 'getMeetingReport',
    summary: 'Get all coaching reports associated with a specific meeting',
    tags: ['Meetings'],
    params: idParams,
    query: z.strictObject({ ...pageQuery }),
    errors: ['not_found'],
    responses: {
      200: { description: "The meeting's reports (empty until it completes)", data: z.array(reportSchema), list: true },
    },
    handler: async ({ db, principal, params, query }) => {
      const meeting = await findMiraMeeting(db, params.id, principal.organizationId);
      if (!meeting || meeting.source !== 'call') throw new MiraError('not_found', `Meeting ${params.id} not found`);
      const result = await listMiraReports(db, principal.organizationId, { meetingId: meeting.id }, query);
      return { status: 200, data: result.rows.map(presentReport), meta: { ...query, total: result.total } };
    },
  }),
];
