-- Verifiable history credentials (SD-JWT VC, docs/credentials.md). The issuer's ES256 keys: the
-- private half only encrypted (AES-256-GCM, as webhook secrets); a key signs from signs_from on and
-- is published in the JWKS until retired_at.
CREATE TABLE "issuer_keys" (
	"kid" text PRIMARY KEY NOT NULL,
	"generation" integer NOT NULL,
	"public_jwk" jsonb NOT NULL,
	"private_jwk_encrypted" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"signs_from" timestamp with time zone DEFAULT now() NOT NULL,
	"retired_at" timestamp with time zone,
	CONSTRAINT "issuer_keys_generation_unique" UNIQUE("generation")
);
--> statement-breakpoint
-- One entry of a Token Status List per credential: list n holds seq n*100000 .. n*100000+99999.
-- No person in it, so it outlives an erasure: a revoked bit must stay revoked.
CREATE TABLE "credential_statuses" (
	"seq" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "credential_statuses_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
-- What the person was issued (never the credential itself): goes with the account.
CREATE TABLE "credentials" (
	"id" text PRIMARY KEY NOT NULL,
	"mir_user_id" text NOT NULL REFERENCES "mir_users"("id") ON DELETE cascade,
	"status_seq" bigint NOT NULL REFERENCES "credential_statuses"("seq"),
	"kid" text NOT NULL REFERENCES "issuer_keys"("kid"),
	"claims" jsonb NOT NULL,
	"disclosed" text[] NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "credentials_user_issued_idx" ON "credentials" USING btree ("mir_user_id", "issued_at" DESC, "id" DESC);
--> statement-breakpoint
CREATE UNIQUE INDEX "credentials_status_seq_idx" ON "credentials" USING btree ("status_seq");
--> statement-breakpoint
-- A partner's verification (POST /v1/claims/verify): the organisation's record, shown to the
-- person whose credential it was; goes with the account or the organisation.
CREATE TABLE "credential_verifications" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL REFERENCES "organizations"("id") ON DELETE cascade,
	"credential_id" text REFERENCES "credentials"("id") ON DELETE set null,
	"mir_user_id" text REFERENCES "mir_users"("id") ON DELETE cascade,
	"status" text NOT NULL,
	"reason" text,
	"disclosed" jsonb NOT NULL,
	"expires_at" timestamp with time zone,
	"verified_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "credential_verifications_status_check" CHECK ("status" in ('VALID', 'REVOKED', 'EXPIRED', 'INVALID'))
);
--> statement-breakpoint
CREATE INDEX "credential_verifications_org_idx" ON "credential_verifications" USING btree ("organization_id", "verified_at" DESC, "id" DESC);
--> statement-breakpoint
CREATE INDEX "credential_verifications_user_idx" ON "credential_verifications" USING btree ("mir_user_id", "verified_at" DESC, "id" DESC);
--> statement-breakpoint
CREATE INDEX "credential_verifications_credential_idx" ON "credential_verifications" USING btree ("credential_id");
