import { z } from 'zod';
import { findMiraTrackers, putMiraTrackers } from '../../../db/queries/mira/trackers';
import { defineMiraRoute } from '../route';
import { textField } from '../schemas/common';
import { trackersSchema } from '../schemas/resources';
import { presentTrackers } from '../present';

/** Most names per list: a sales team tracks tens of competitors, not thousands. */
export const MAX_TRACKED_NAMES = 200;

const names = (what: string) =>
  z
    .array(textField(100).regex(/[\p{L}\p{N}]/u, 'must contain a letter or a digit'))
    .max(MAX_TRACKED_NAMES)
    .refine((list) => new Set(list.map((n) => n.toLowerCase())).size === list.length, {
      message: `${what} must be unique (in any case)`,
    });

const trackersBody = z.strictObject({
  competitors: names('competitor names').describe(
    'Competitor names found in any case wherever the prospect side says them (insights of type competitor)',
  ),
  products: names('product names').describe('Your own products: never reported as a competitor, even after "we use"'),
});

/** Not in 003: the keyword trackers sales teams keep, for the insights Mira extracts from later calls. */
export const miraSettingsRoutes = [
  defineMiraRoute({
    method: 'get',
    path: '/settings/trackers',
    operationId: 'getTrackers',
    summary: "Your organization's tracked competitor and product names (empty lists until set)",
    tags: ['Settings'],
    responses: { 200: { description: 'The tracked names', data: trackersSchema } },
    handler: async ({ db, principal }) => ({
      status: 200,
      data: presentTrackers(await findMiraTrackers(db, principal.organizationId)),
    }),
  }),
  defineMiraRoute({
    method: 'put',
    path: '/settings/trackers',
    operationId: 'replaceTrackers',
    summary:
      "Replace the tracked competitor and product names; meetings scored from now on use them. Requires 'write' permission.",
    tags: ['Settings'],
    write: true,
    body: trackersBody,
    example: { body: { competitors: ['Gong', 'Chorus', 'Clari'], products: ['Mira Coach'] } },
    responses: { 200: { description: 'The tracked names, as stored', data: trackersSchema } },
    handler: async ({ db, principal, body }) => ({
      status: 200,
      data: presentTrackers(await putMiraTrackers(db, principal.organizationId, body)),
    }),
  }),
];
