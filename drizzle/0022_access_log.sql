-- Who looked a person up: every resolve, policy evaluation and link-status lookup a linked partner
-- made of them, written off the request path in COPY batches (src/services/access-log-recorder.ts).
-- No score and no context: the operation, for an evaluation its action and outcome, and when.
-- Rows live as long as their link: the trigger below deletes them when the link ends, the foreign
-- key when it is deleted, and a sweep those older than MIR_ACCESS_LOG_RETENTION_DAYS.
CREATE TABLE "access_log" (
	"id" text PRIMARY KEY NOT NULL,
	"link_id" text NOT NULL REFERENCES "partner_links"("id") ON DELETE cascade,
	"mir_user_id" text NOT NULL,
	"organization_id" text NOT NULL,
	"operation" text NOT NULL,
	"action" text,
	"outcome" text,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "access_log_operation_check" CHECK ("access_log"."operation" in ('resolve', 'evaluate', 'link_status'))
);
--> statement-breakpoint
CREATE INDEX "access_log_user_at_idx" ON "access_log" USING btree ("mir_user_id", "at" DESC, "id" DESC);
--> statement-breakpoint
CREATE INDEX "access_log_link_idx" ON "access_log" USING btree ("link_id");
--> statement-breakpoint
CREATE INDEX "access_log_at_idx" ON "access_log" USING btree ("at");
--> statement-breakpoint
-- Whatever ends a link (the person, the partner, an erasure), its lookups go in the same transaction.
CREATE FUNCTION mir_forget_link_access() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM access_log WHERE link_id = NEW.id;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER partner_links_forget_access AFTER UPDATE OF unlinked_at ON partner_links
  FOR EACH ROW WHEN (OLD.unlinked_at IS NULL AND NEW.unlinked_at IS NOT NULL)
  EXECUTE FUNCTION mir_forget_link_access();
--> statement-breakpoint
-- A person's own memberships (GET /v1/me/memberships, leaving one) are found by their account.
CREATE INDEX "org_members_user_idx" ON "org_members" USING btree ("mir_user_id");
--> statement-breakpoint
-- The mail telling a person an organisation's import made them a member names that organisation.
ALTER TABLE "mail_queue" ADD COLUMN "organization_id" text REFERENCES "organizations"("id") ON DELETE cascade;
