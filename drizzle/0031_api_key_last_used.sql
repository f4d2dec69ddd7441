-- When a partner key was last used, for GET /portal/api/keys: written at most about once a minute per key.
ALTER TABLE "api_keys" ADD COLUMN "last_used_at" timestamp with time zone;
