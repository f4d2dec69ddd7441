-- API processes cache each organisation's own action configuration (src/db/notified-cache.ts) for
-- POST /policy/evaluate. Any change to policy_actions, by any process or by hand, tells all of them
-- to drop that cache; delivered on commit, folded into one per transaction like mir_auth_changed.
CREATE FUNCTION mir_notify_policy_actions_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('mir_policy_actions_changed', '');
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER policy_actions_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON policy_actions
  FOR EACH STATEMENT EXECUTE FUNCTION mir_notify_policy_actions_changed();
