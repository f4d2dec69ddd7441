import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { ROLES } from '../../domain/roles';
import { mirUsers } from './accounts';
import { organizations } from './core';
import { ts, inList } from './columns';

const orgRef = () =>
  text('organization_id')
    .notNull()
    .references(() => organizations.id, { onDelete: 'cascade' });

export const MEMBER_INVITE_STATUSES = ['PENDING', 'CLAIMED', 'REMOVED'] as const;
export type MemberInviteStatus = (typeof MEMBER_INVITE_STATUSES)[number];

/** An email an organisation imported: claimed by whoever verifies that address, at most once per org. */
export const memberInvites = pgTable(
  'member_invites',
  {
    id: text('id').primaryKey(),
    organizationId: orgRef(),
    email: text('email').notNull(),
    role: text('role', { enum: ROLES }).notNull(),
    status: text('status', { enum: MEMBER_INVITE_STATUSES }).notNull().default('PENDING'),
    importSource: text('import_source').notNull().default('api'),
    createdAt: ts('created_at').notNull().defaultNow(),
    claimedAt: ts('claimed_at'),
    removedAt: ts('removed_at'),
    mirUserId: text('mir_user_id').references(() => mirUsers.id, { onDelete: 'set null' }),
  },
  (t) => [
    uniqueIndex('member_invites_org_email_idx').on(t.organizationId, t.email),
    // Auto-linking looks up an address across every organisation, pending ones only.
    index('member_invites_pending_email_idx')
      .on(t.email)
      .where(sql`${t.status} = 'PENDING'`),
    index('member_invites_org_created_idx').on(t.organizationId, t.createdAt.desc(), t.id.desc()),
    check('member_invites_role_check', sql`${t.role} in (${inList(ROLES)})`),
    check('member_invites_status_check', sql`${t.status} in (${inList(MEMBER_INVITE_STATUSES)})`),
  ],
);

/** A person's membership of an organisation; ended, never deleted, so the audit trail keeps its target. */
export const orgMembers = pgTable(
  'org_members',
  {
    id: text('id').primaryKey(),
    organizationId: orgRef(),
    mirUserId: text('mir_user_id')
      .notNull()
      .references(() => mirUsers.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ROLES }).notNull(),
    inviteId: text('invite_id').references(() => memberInvites.id, { onDelete: 'set null' }),
    createdAt: ts('created_at').notNull().defaultNow(),
    endedAt: ts('ended_at'),
  },
  (t) => [
    uniqueIndex('org_members_active_idx')
      .on(t.organizationId, t.mirUserId)
      .where(sql`${t.endedAt} is null`),
    index('org_members_org_created_idx').on(t.organizationId, t.createdAt.desc(), t.id.desc()),
    index('org_members_invite_idx').on(t.inviteId),
    // A person's own memberships (migration 0022).
    index('org_members_user_idx').on(t.mirUserId),
    check('org_members_role_check', sql`${t.role} in (${inList(ROLES)})`),
  ],
);
