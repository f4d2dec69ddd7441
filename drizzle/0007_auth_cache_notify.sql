-- API processes cache verified partner keys for a few seconds (src/api/auth-cache.ts). Any change
-- to a key or an organisation, by any process or by hand, tells all of them to drop that cache.
-- Statement-level and payload-free: Postgres folds repeats within a transaction into one
-- notification, delivered only on commit.
CREATE FUNCTION mir_notify_auth_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('mir_auth_changed', '');
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER api_keys_auth_changed AFTER UPDATE OR DELETE OR TRUNCATE ON api_keys
  FOR EACH STATEMENT EXECUTE FUNCTION mir_notify_auth_changed();
--> statement-breakpoint
CREATE TRIGGER organizations_auth_changed AFTER UPDATE OR DELETE OR TRUNCATE ON organizations
  FOR EACH STATEMENT EXECUTE FUNCTION mir_notify_auth_changed();
