import { z } from 'zod';
import { type MemberInvite, listMemberInvites, listMembers, removeMemberInvite } from '../../db/queries/members';
import { MEMBER_INVITE_STATUSES } from '../../db/schema';
import { encodeCursor } from '../../domain/cursor';
import { ROLES } from '../../domain/roles';
import type { AccessRule } from '../../domain/authorize';
import { ApiError } from '../../domain/errors';
import { importBody, importMemberEmails, importResults } from '../../services/member-import';
import { auditActorOf } from '../present/agents';
import { defineRoute } from '../route';
import { cursorParam } from '../schemas/pagination';

/** Changing who belongs is ADMIN's and OWNER's (or an agent holding every permission). */
export const MANAGE_MEMBERS: AccessRule = { plan: 'enterprise', roles: ['OWNER', 'ADMIN'] };
/** Reading who belongs is a read like the audit log: ANALYST and up, or an agent with audit:read. */
export const READ_MEMBERS: AccessRule = { plan: 'enterprise', permission: 'audit:read' };

const pageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: cursorParam,
});

const invite = z.object({
  id: z.string(),
  email: z.string(),
  status: z.enum(MEMBER_INVITE_STATUSES),
  createdAt: z.iso.datetime(),
  claimedAt: z.iso.datetime().nullable(),
  importSource: z.string(),
});
/** A member is known by its id in this organisation (`mbr_…`), never by the person's MIR account id. */
export const member = z.object({
  id: z.string(),
  email: z.string(),
  role: z.enum(ROLES),
  inviteId: z.string().nullable(),
  createdAt: z.iso.datetime(),
});

const presentInvite = (i: MemberInvite): z.output<typeof invite> => ({
  id: i.id,
  email: i.email,
  status: i.status,
  createdAt: i.createdAt.toISOString(),
  claimedAt: i.claimedAt?.toISOString() ?? null,
  importSource: i.importSource,
});

export const memberRoutes = [
  defineRoute({
    method: 'post',
    path: '/enterprise/api/members/import',
    operationId: 'importMembers',
    errors: ['too_many_emails', 'role_required'],
    summary: 'Bulk import member emails (at most 500); people with a verified MIR account are linked at once',
    tags: ['Members'],
    auth: 'partner',
    access: MANAGE_MEMBERS,
    body: importBody,
    responses: {
      200: {
        description: 'Import completed',
        schema: z.object({ message: z.literal('Import completed'), results: importResults }),
      },
    },
    handler: async ({ body, db, principal, requestId }) => {
      const results = await importMemberEmails(db, {
        organizationId: principal.organizationId,
        body,
        importSource: 'api',
        actor: auditActorOf(principal),
        requestId,
      });
      // Each person it made a member hears who did and how to leave: the worker mails them once
      // the import has committed (the mail queue).
      return { status: 200, body: { message: 'Import completed', results } };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/enterprise/api/members/invites',
    operationId: 'listMemberInvites',
    summary: 'List imported email invites and their status, newest first',
    tags: ['Members'],
    auth: 'partner',
    access: READ_MEMBERS,
    query: pageQuery.extend({ status: z.enum(MEMBER_INVITE_STATUSES).optional() }),
    responses: {
      200: {
        description: 'One page of invites',
        schema: z.object({ invites: z.array(invite), nextCursor: z.string().nullable() }),
      },
    },
    handler: async ({ query, db, principal }) => {
      const page = await listMemberInvites(db, principal.organizationId, query);
      return {
        status: 200,
        body: { invites: page.items.map(presentInvite), nextCursor: page.next ? encodeCursor(page.next) : null },
      };
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/enterprise/api/members/invites/:id',
    operationId: 'cancelMemberInvite',
    summary:
      "Remove an invite (REMOVED); a claimed invite's membership ends too (an OWNER's: by an OWNER, never the last)",
    tags: ['Members'],
    auth: 'partner',
    access: MANAGE_MEMBERS,
    params: z.object({ id: z.string().min(1).max(64) }),
    responses: { 200: { description: 'The removed invite', schema: invite } },
    errors: ['invite_not_found', 'last_owner'],
    handler: async ({ params, db, principal, requestId }) => {
      const removed = await removeMemberInvite(db, {
        organizationId: principal.organizationId,
        inviteId: params.id,
        actor: auditActorOf(principal),
        callerRole: principal.role,
        requestId,
      });
      if (!removed) throw new ApiError('invite_not_found', `No invite ${params.id} in this organization`);
      return { status: 200, body: presentInvite(removed) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/enterprise/api/members',
    operationId: 'listMembers',
    summary: "List the organization's current members and their roles, newest first",
    tags: ['Members'],
    auth: 'partner',
    access: READ_MEMBERS,
    query: pageQuery,
    responses: {
      200: {
        description: 'One page of members',
        schema: z.object({ members: z.array(member), nextCursor: z.string().nullable() }),
      },
    },
    handler: async ({ query, db, principal }) => {
      const page = await listMembers(db, principal.organizationId, query);
      return {
        status: 200,
        body: {
          members: page.items.map((m) => ({ ...m, createdAt: m.createdAt.toISOString() })),
          nextCursor: page.next ? encodeCursor(page.next) : null,
        },
      };
    },
  }),
];
