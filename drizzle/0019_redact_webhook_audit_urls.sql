-- Webhook URLs in audit entries written before this release held the whole URL, secrets in the
-- path or query included, for anyone with audit:read. Redact them as the API now writes them:
-- secret-looking path segments and every query value become ***, the fragment and any userinfo
-- go. The rule is judged on the stored text (a percent-escape counts as letters and digits, so
-- this masks at least what the API masks). Redacting twice changes nothing.
CREATE FUNCTION pg_temp.mir_looks_secret(part text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT char_length(part) >= 16 AND (
    (part ~ '[[:alpha:]]' AND part ~ '[[:digit:]]')
    OR (part ~ '[[:upper:]]' AND part ~ '[[:lower:]]')
    OR char_length(part) >= 32)
$$;--> statement-breakpoint
CREATE FUNCTION pg_temp.mir_redact_url(url text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN r.m IS NULL THEN '***' ELSE
    r.m[1] || r.m[2]
    || coalesce((
      SELECT string_agg(CASE WHEN pg_temp.mir_looks_secret(seg) THEN '***' ELSE seg END, '/' ORDER BY n)
      FROM unnest(string_to_array(r.m[3], '/')) WITH ORDINALITY AS s(seg, n)), '')
    || coalesce((
      SELECT '?' || string_agg(
        CASE WHEN position('=' IN p) = 0 THEN '***'
          WHEN pg_temp.mir_looks_secret(split_part(p, '=', 1)) THEN '***=***'
          ELSE split_part(p, '=', 1) || '=***' END, '&' ORDER BY n)
      FROM unnest(string_to_array(nullif(r.m[4], ''), '&')) WITH ORDINALITY AS q(p, n)), '')
  END
  FROM regexp_match(url, '^([A-Za-z][A-Za-z0-9+.-]*://)(?:[^/?#@]*@)?([^/?#]*)([^?#]*)(?:\?([^#]*))?') AS r(m)
$$;--> statement-breakpoint
UPDATE "audit_log"
SET "details" = jsonb_set("details", '{after,url}', to_jsonb(pg_temp.mir_redact_url("details" #>> '{after,url}')))
WHERE "action" LIKE 'webhook.%' AND "details" #>> '{after,url}' IS NOT NULL;--> statement-breakpoint
UPDATE "audit_log"
SET "details" = jsonb_set("details", '{before,url}', to_jsonb(pg_temp.mir_redact_url("details" #>> '{before,url}')))
WHERE "action" LIKE 'webhook.%' AND "details" #>> '{before,url}' IS NOT NULL;--> statement-breakpoint
DROP FUNCTION pg_temp.mir_redact_url(text);--> statement-breakpoint
DROP FUNCTION pg_temp.mir_looks_secret(text);
