import { sql } from 'drizzle-orm';
import { bigint, check, foreignKey, index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { type HistoryClaims, VERIFICATION_STATUSES } from '../../domain/credentials';
import { mirUsers } from './accounts';
import { organizations } from './core';
import { ts, inList } from './columns';

/** The issuer's ES256 keys (migration 0029): the private JWK only encrypted (src/services/credentials/issuer-keys.ts). */
export const issuerKeys = pgTable('issuer_keys', {
  kid: text('kid').primaryKey(),
  generation: integer('generation').notNull().unique('issuer_keys_generation_unique'),
  publicJwk: jsonb('public_jwk').$type<Record<string, string>>().notNull(),
  privateJwkEncrypted: text('private_jwk_encrypted').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
  signsFrom: ts('signs_from').notNull().defaultNow(),
  retiredAt: ts('retired_at'),
});

/** One Token Status List entry per credential; no person in it, so a revocation outlives an erasure. */
export const credentialStatuses = pgTable('credential_statuses', {
  seq: bigint('seq', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  expiresAt: ts('expires_at').notNull(),
  revokedAt: ts('revoked_at'),
});

/** What a person was issued (never the credential itself). */
export const credentials = pgTable(
  'credentials',
  {
    id: text('id').primaryKey(),
    mirUserId: text('mir_user_id').notNull(),
    statusSeq: bigint('status_seq', { mode: 'number' }).notNull(),
    kid: text('kid').notNull(),
    claims: jsonb('claims').$type<HistoryClaims>().notNull(),
    disclosed: text('disclosed').array().notNull(),
    issuedAt: ts('issued_at').notNull(),
    expiresAt: ts('expires_at').notNull(),
  },
  (t) => [
    // Written by hand (migration 0029): Postgres named the keys, and its DESC is nulls-first.
    foreignKey({
      name: 'credentials_mir_user_id_fkey',
      columns: [t.mirUserId],
      foreignColumns: [mirUsers.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'credentials_status_seq_fkey',
      columns: [t.statusSeq],
      foreignColumns: [credentialStatuses.seq],
    }),
    foreignKey({ name: 'credentials_kid_fkey', columns: [t.kid], foreignColumns: [issuerKeys.kid] }),
    index('credentials_user_issued_idx').on(t.mirUserId, t.issuedAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    uniqueIndex('credentials_status_seq_idx').on(t.statusSeq),
  ],
);

/** A partner's verification of a credential (POST /v1/claims/verify). */
export const credentialVerifications = pgTable(
  'credential_verifications',
  {
    id: text('id').primaryKey(),
    organizationId: text('organization_id').notNull(),
    credentialId: text('credential_id'),
    mirUserId: text('mir_user_id'),
    status: text('status', { enum: VERIFICATION_STATUSES }).notNull(),
    reason: text('reason'),
    disclosed: jsonb('disclosed').$type<Record<string, unknown>>().notNull(),
    expiresAt: ts('expires_at'),
    verifiedAt: ts('verified_at').notNull().defaultNow(),
  },
  (t) => [
    foreignKey({
      name: 'credential_verifications_organization_id_fkey',
      columns: [t.organizationId],
      foreignColumns: [organizations.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'credential_verifications_credential_id_fkey',
      columns: [t.credentialId],
      foreignColumns: [credentials.id],
    }).onDelete('set null'),
    foreignKey({
      name: 'credential_verifications_mir_user_id_fkey',
      columns: [t.mirUserId],
      foreignColumns: [mirUsers.id],
    }).onDelete('cascade'),
    index('credential_verifications_org_idx').on(
      t.organizationId,
      t.verifiedAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    index('credential_verifications_user_idx').on(
      t.mirUserId,
      t.verifiedAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    index('credential_verifications_credential_idx').on(t.credentialId),
    check('credential_verifications_status_check', sql`${t.status} in (${inList(VERIFICATION_STATUSES)})`),
  ],
);
