import { z } from 'zod';
import {
  deleteMiraTemplate,
  findMiraTemplate,
  insertMiraTemplate,
  listMiraTemplates,
  updateMiraTemplate,
} from '../../../db/queries/mira/templates';
import { CALL_TYPES } from '../../../domain/mira/types';
import { MiraError } from '../errors';
import { presentTemplate } from '../present';
import { defineMiraRoute } from '../route';
import { booleanQuery, idParams, pageQuery } from '../schemas/common';
import { templateSchema } from '../schemas/resources';
import { createTemplateBody, templateChanges, updateTemplateBody } from '../schemas/templates';
import { EXAMPLE_TEMPLATE } from '../examples';

const nameTaken = (name: string) => new MiraError('conflict', `name: a template named "${name}" already exists`);
const notFound = (id: string) => new MiraError('not_found', `Template ${id} not found`);
const deletion = z.object({
  id: z.uuid(),
  deleted: z.literal(true),
  is_active: z.literal(false),
});

export const miraTemplateRoutes = [
  defineMiraRoute({
    method: 'get',
    path: '/templates',
    operationId: 'listTemplates',
    summary: 'List coaching/scoring templates for your organization',
    tags: ['Templates'],
    query: z.strictObject({
      ...pageQuery,
      is_active: booleanQuery.optional(),
      call_type: z.enum(CALL_TYPES).optional(),
    }),
    responses: { 200: { description: 'A page of templates', data: z.array(templateSchema), list: true } },
    handler: async ({ db, principal, query }) => {
      const { page, limit, is_active, call_type } = query;
      const result = await listMiraTemplates(
        db,
        principal.organizationId,
        { isActive: is_active, callType: call_type },
        { page, limit },
      );
      return { status: 200, data: result.rows.map(presentTemplate), meta: { page, limit, total: result.total } };
    },
  }),
  defineMiraRoute({
    method: 'post',
    path: '/templates',
    operationId: 'createTemplate',
    summary: "Create a new coaching template. Requires 'write' permission.",
    tags: ['Templates'],
    write: true,
    body: createTemplateBody,
    example: { body: EXAMPLE_TEMPLATE },
    errors: ['conflict'],
    responses: { 201: { description: 'Created', data: templateSchema } },
    handler: async ({ db, principal, body }) => {
      const template = await insertMiraTemplate(db, principal.organizationId, {
        name: body.name,
        description: body.description ?? null,
        promptTemplate: body.prompt_template,
        gradingCriteria: body.grading_criteria,
        coachingTone: body.coaching_tone,
        callType: body.call_type,
        industryContext: body.industry_context ?? null,
      });
      if (!template) throw nameTaken(body.name);
      return { status: 201, data: presentTemplate(template) };
    },
  }),
  defineMiraRoute({
    method: 'get',
    path: '/templates/:id',
    operationId: 'getTemplate',
    summary: 'Get a single template by ID with full details',
    tags: ['Templates'],
    params: idParams,
    errors: ['not_found'],
    responses: { 200: { description: 'The template', data: templateSchema } },
    handler: async ({ db, principal, params }) => {
      const template = await findMiraTemplate(db, principal.organizationId, params.id);
      if (!template) throw notFound(params.id);
      return { status: 200, data: presentTemplate(template) };
    },
  }),
  defineMiraRoute({
    method: 'patch',
    path: '/templates/:id',
    operationId: 'updateTemplate',
    summary: "Update a template (any of its fields, is_active too). Requires 'write' permission.",
    tags: ['Templates'],
    write: true,
    params: idParams,
    body: updateTemplateBody,
    example: { body: { coaching_tone: 'direct', industry_context: 'B2B software, six-figure deals' } },
    errors: ['not_found', 'conflict'],
    responses: { 200: { description: 'Updated', data: templateSchema } },
    handler: async ({ db, principal, params, body }) => {
      const updated = await updateMiraTemplate(db, principal.organizationId, params.id, templateChanges(body));
      if (updated === 'conflict') throw nameTaken(body.name ?? '');
      if (!updated) throw notFound(params.id);
      return { status: 200, data: presentTemplate(updated) };
    },
  }),
  defineMiraRoute({
    method: 'delete',
    path: '/templates/:id',
    operationId: 'deleteTemplate',
    summary:
      "Delete a template and free its name; reports it scored keep its name (template.id becomes null). Requires 'write' permission.",
    tags: ['Templates'],
    write: true,
    params: idParams,
    errors: ['not_found'],
    responses: { 200: { description: 'Deleted', data: deletion } },
    handler: async ({ db, principal, params }) => {
      if (!(await deleteMiraTemplate(db, principal.organizationId, params.id))) throw notFound(params.id);
      return { status: 200, data: { id: params.id, deleted: true as const, is_active: false as const } };
    },
  }),
];
