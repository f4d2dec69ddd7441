import { z } from 'zod';
import { listMiraInsights } from '../../../db/queries/mira/insights';
import { findMiraReport, listMiraReports } from '../../../db/queries/mira/reports';
import { miraTeamStats } from '../../../db/queries/mira/team-stats';
import { TIME_RANGES, TIME_RANGE_DAYS } from '../../../domain/mira/types';
import { MiraError } from '../errors';
import { presentInsight, presentReport } from '../present';
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
import { insightSchema, reportSchema, teamStatsSchema } from '../schemas/resources';

const score = z.coerce.number().min(0).max(10);
const partial = textField(200);

export const miraReportRoutes = [
  defineMiraRoute({
    method: 'get',
    path: '/reports',
    operationId: 'listReports',
    summary: 'List coaching reports with optional filters',
    tags: ['Reports'],
    query: z
      .strictObject({
        ...pageQuery,
        user_id: uuidField.optional(),
        from: isoDateQuery.optional(),
        to: isoUpperBoundQuery.optional().describe('Reports created up to this instant, or through this whole UTC day'),
        min_score: score.optional(),
        max_score: score.optional(),
      })
      .superRefine(fromNotAfterTo('from', 'to'))
      .refine((q) => q.min_score === undefined || q.max_score === undefined || q.min_score <= q.max_score, {
        path: ['max_score'],
        message: 'must be at least min_score',
      }),
    responses: { 200: { description: 'A page of reports', data: z.array(reportSchema), list: true } },
    handler: async ({ db, principal, query }) => {
      const { page, limit, user_id, min_score, max_score, ...dates } = query;
      const filter = { ...dates, userId: user_id, minScore: min_score, maxScore: max_score };
      const result = await listMiraReports(db, principal.organizationId, filter, { page, limit });
      return { status: 200, data: result.rows.map(presentReport), meta: { page, limit, total: result.total } };
    },
  }),
  defineMiraRoute({
    method: 'get',
    path: '/reports/:id',
    operationId: 'getReport',
    summary: 'Get a full coaching report by ID, including criteria scores and feedback',
    tags: ['Reports'],
    params: idParams,
    errors: ['not_found'],
    responses: { 200: { description: 'The report', data: reportSchema } },
    handler: async ({ db, principal, params }) => {
      const report = await findMiraReport(db, principal.organizationId, params.id);
      if (!report) throw new MiraError('not_found', `Report ${params.id} not found`);
      return { status: 200, data: presentReport(report) };
    },
  }),
  defineMiraRoute({
    method: 'get',
    path: '/insights',
    operationId: 'getInsights',
    summary:
      'List marketing insights extracted from sales calls (objections, pain points, competitors, feature requests, buying signals)',
    tags: ['Insights'],
    query: z
      .strictObject({
        ...pageQuery,
        date_from: isoDateQuery.optional(),
        date_to: isoUpperBoundQuery
          .optional()
          .describe("Insights of calls started up to this instant, or through this whole UTC day"),
        industry: partial.optional().describe('Filter by industry (partial match, any case)'),
        prospect_title: partial.optional().describe('Filter by prospect title (partial match, any case)'),
      })
      .superRefine(fromNotAfterTo('date_from', 'date_to')),
    responses: { 200: { description: 'A page of insights', data: z.array(insightSchema), list: true } },
    handler: async ({ db, principal, query }) => {
      const { page, limit, date_from, date_to, industry, prospect_title } = query;
      const filter = { dateFrom: date_from, dateTo: date_to, industry, prospectTitle: prospect_title };
      const result = await listMiraInsights(db, principal.organizationId, filter, { page, limit });
      return { status: 200, data: result.rows.map(presentInsight), meta: { page, limit, total: result.total } };
    },
  }),
  defineMiraRoute({
    method: 'get',
    path: '/team/stats',
    operationId: 'getTeamStats',
    summary: 'Get aggregated team performance statistics (calls started within the range)',
    tags: ['Team'],
    query: z.strictObject({ time_range: z.enum(TIME_RANGES).default('month') }),
    responses: { 200: { description: 'Team statistics', data: teamStatsSchema } },
    handler: async ({ db, principal, query }) => {
      const stats = await miraTeamStats(db, principal.organizationId, TIME_RANGE_DAYS[query.time_range]);
      return { status: 200, data: { time_range: query.time_range, ...stats } };
    },
  }),
];
