import { z } from 'zod';
import { defineRoute } from '../route';

const policyHealth = z.object({
  status: z.literal('ok'),
  service: z.literal('policy'),
  organizationId: z.string(),
  time: z.iso.datetime(),
});

export const policyRoutes = [
  defineRoute({
    method: 'get',
    path: '/policy/health',
    // Any valid key, whatever its permissions: callers use it to check their key and MIR are up.
    summary: 'Policy API health check (requires a valid API key)',
    tags: ['Policy'],
    auth: 'partner',
    responses: { 200: { description: 'Policy API is up and the key is valid', schema: policyHealth } },
    handler: async ({ principal }) => ({
      status: 200,
      body: {
        status: 'ok',
        service: 'policy',
        organizationId: principal.organizationId,
        time: new Date().toISOString(),
      },
    }),
  }),
];
