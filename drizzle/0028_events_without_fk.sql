-- Events lose their foreign key to partner_users (ADR 0008). The key cost every stored event an
-- index lookup and a KEY SHARE lock on its user's row, a second WAL record per event (about a fifth
-- of the CPU Postgres spent per event in bulk). Every event is written by the statement that
-- upserts its user and takes the user's id from that upsert, so the key could not be broken by a
-- write MIR makes; what it still did was cascade a user's deletion to the user's events, which
-- this statement-level trigger does instead, once per deleting statement.
ALTER TABLE "events" DROP CONSTRAINT "events_partner_user_org_fk";
--> statement-breakpoint
ALTER TABLE "partner_users" DROP CONSTRAINT "partner_users_id_org_unique";
--> statement-breakpoint
CREATE FUNCTION mir_partner_users_delete_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM events e USING gone g WHERE e.partner_user_id = g.id;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER partner_users_delete_events AFTER DELETE ON partner_users
  REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION mir_partner_users_delete_events();
--> statement-breakpoint
-- Room on each page for the aggregates' updates to stay on the page (HOT): none of the columns they
-- change is indexed, so such an update writes no index entry.
ALTER TABLE "partner_users" SET (fillfactor = 80);
