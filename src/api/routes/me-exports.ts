import { z } from 'zod';
import { downloadableExport, exportView, ownExport, requestExport } from '../../services/exports';
import { streamExport } from '../export-download';
import { defineRoute } from '../route';
import { exportDocument, exportIdParams, exportStatus } from '../schemas/exports';

/** A person's copy of everything MIR holds about them (docs/data-rights.md, "Export"). */
export const meExportRoutes = [
  defineRoute({
    method: 'post',
    path: '/v1/me/exports',
    operationId: 'createMyExport',
    summary:
      'Ask for a copy of everything MIR holds about you, as one JSON document; while one is being written, asking again answers it',
    tags: ['Accounts'],
    auth: 'user',
    errors: ['too_many_attempts'],
    responses: { 202: { description: 'Being written', schema: z.object({ exportId: z.string() }) } },
    handler: async ({ principal, db }) => ({
      status: 202,
      body: { exportId: await requestExport(db, principal.userId) },
    }),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/me/exports/:id',
    operationId: 'getMyExport',
    summary: 'Where your export stands',
    tags: ['Accounts'],
    auth: 'user',
    params: exportIdParams,
    errors: ['not_found'],
    responses: { 200: { description: 'The export', schema: exportStatus } },
    handler: async ({ principal, params, db }) => ({
      status: 200,
      body: exportView(await ownExport(db, principal.userId, params.id)),
    }),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/me/exports/:id/download',
    operationId: 'downloadMyExport',
    summary: 'Download your export (an attachment), while it is READY',
    tags: ['Accounts'],
    auth: 'user',
    params: exportIdParams,
    errors: ['not_found', 'invalid_state', 'export_expired'],
    responses: { 200: { description: 'The document', schema: exportDocument } },
    handler: async ({ principal, params, db, res }) => {
      await streamExport(db, res, await downloadableExport(db, principal.userId, params.id));
      return undefined;
    },
  }),
];
