import { desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { outbox } from '../../../db/schema';
import { defineRoute } from '../../route';

const message = z.object({
  id: z.string(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  createdAt: z.iso.datetime(),
});

export const adminOutboxRoutes = [
  defineRoute({
    method: 'get',
    path: '/admin/outbox',
    operationId: 'adminGetOutbox',
    summary: 'Development mailbox: the emails the dev mailer wrote for an address, newest first',
    tags: ['Admin'],
    auth: 'admin',
    query: z.strictObject({ to: z.string().trim().toLowerCase().pipe(z.email()) }),
    responses: { 200: { description: 'Messages', schema: z.object({ messages: z.array(message) }) } },
    handler: async ({ query, db }) => {
      const rows = await db
        .select()
        .from(outbox)
        .where(eq(outbox.toEmail, query.to))
        .orderBy(desc(outbox.createdAt))
        .limit(50);
      return {
        status: 200,
        body: {
          messages: rows.map((r) => ({
            id: r.id,
            to: r.toEmail,
            subject: r.subject,
            text: r.text,
            createdAt: r.createdAt.toISOString(),
          })),
        },
      };
    },
  }),
];
