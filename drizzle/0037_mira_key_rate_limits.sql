-- An operator's own limit for one Mira key (requests per minute); null: MIRA_KEY_RATE_LIMIT_PER_MINUTE applies.
ALTER TABLE "mira_api_keys" ADD COLUMN "rate_limit_per_minute" integer;--> statement-breakpoint
ALTER TABLE "mira_api_keys" ADD CONSTRAINT "mira_api_keys_rate_limit_check" CHECK ("mira_api_keys"."rate_limit_per_minute" between 1 and 100000000);--> statement-breakpoint
-- The limit travels with the cached key (src/api/auth-cache.ts), so changing it must flush every API
-- process's cache on commit like a revocation does: the 0035 trigger again, with the new column.
DROP TRIGGER mira_api_keys_auth_changed ON mira_api_keys;--> statement-breakpoint
CREATE TRIGGER mira_api_keys_auth_changed AFTER UPDATE OF key_hash, organization_id, can_write, revoked_at, rate_limit_per_minute OR DELETE OR TRUNCATE ON mira_api_keys
  FOR EACH STATEMENT EXECUTE FUNCTION mir_notify_auth_changed();
