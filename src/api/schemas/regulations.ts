import { z } from 'zod';
import { REGULATION_MAX_USERS, REGULATION_STATUSES, REGULATION_TYPES } from '../../domain/regulations';
import { userIdSchema } from './events';
import { pageParams } from './pagination';

export const createRegulationBody = z.strictObject({
  type: z
    .enum(REGULATION_TYPES)
    .describe(
      'DELETE: your events and decision-log rows for these users and their links; SUPPRESS: refuse new events ' +
        'for them (409 user_suppressed); SUPPRESS_WITH_DELETE: both; UNSUPPRESS: accept their events again',
    ),
  userIds: z
    .array(userIdSchema)
    .min(1)
    .max(REGULATION_MAX_USERS)
    .describe(`Your own ids for the users, 1 to ${REGULATION_MAX_USERS} (repeats count once)`),
});

export const regulationIdParams = z.strictObject({ id: z.string().min(1).max(64) });
export const regulationListQuery = z.strictObject(pageParams);

export const regulationStartedResponse = z.object({
  regulationId: z.string(),
  type: z.enum(REGULATION_TYPES),
  status: z.enum(REGULATION_STATUSES),
});

export const regulationResponse = z.object({
  regulationId: z.string(),
  type: z.enum(REGULATION_TYPES),
  status: z
    .enum(REGULATION_STATUSES)
    .describe('RUNNING until the workflow has done everything; FAILED: a step kept failing (submit it again)'),
  counts: z.object({
    users: z.int().describe('Distinct user ids in the request'),
    events: z.int().describe('Events deleted so far'),
    decisions: z.int().describe('Decision-log rows deleted so far'),
    linksEnded: z.int().describe("Links to people's MIR accounts ended (each person is mailed)"),
  }),
  workflowId: z.string(),
  createdAt: z.iso.datetime(),
  completedAt: z.iso.datetime().nullable(),
  failure: z.string().nullable(),
});

export const regulationListResponse = z.object({
  regulations: z.array(regulationResponse),
  nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last'),
});

export const suppressionListResponse = z.object({
  suppressions: z.array(z.object({ userId: z.string(), suppressedAt: z.iso.datetime() })),
  nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last'),
});
