-- When a Mira key was last used, for GET /admin/mira/organizations/:id/keys: written at most about once a minute per key.
ALTER TABLE "mira_api_keys" ADD COLUMN "last_used_at" timestamp with time zone;--> statement-breakpoint
-- API processes cache verified Mira keys like partner keys (src/api/auth-cache.ts): a revocation, or any
-- change that decides who a key is, tells all of them to drop that cache on commit. Recording a key's
-- last use (last_used_at alone) changes nothing a request relies on, so it notifies no one.
CREATE TRIGGER mira_api_keys_auth_changed AFTER UPDATE OF key_hash, organization_id, can_write, revoked_at OR DELETE OR TRUNCATE ON mira_api_keys
  FOR EACH STATEMENT EXECUTE FUNCTION mir_notify_auth_changed();--> statement-breakpoint
-- A template deleted while reports used it is deleted all the same, freeing its name: its reports keep
-- the name they were scored with (template_name) and lose only the link.
ALTER TABLE "mira_reports" DROP CONSTRAINT "mira_reports_template_id_mira_templates_id_fk";--> statement-breakpoint
ALTER TABLE "mira_reports" ADD CONSTRAINT "mira_reports_template_id_mira_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."mira_templates"("id") ON DELETE set null ON UPDATE no action;
