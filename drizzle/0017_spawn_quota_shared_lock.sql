-- The organisation-wide quota lock, shared while the organisation is far from its limit.
-- Held exclusively (0016), it was held through each spawn's commit flush, so an organisation's
-- spawns committed one flush after another and one slow flush held every spawn in flight.
--
-- Why a shared lock still keeps the count exact: a spawn holds the lock, in either mode, from
-- before its count to its commit, and its own row is written before it counts. Take the spawn
-- that counted last among those committed: every row it did not see belongs to a spawn that held
-- the lock at that instant, and at most max_connections + max_prepared_transactions transactions
-- exist at once. So a shared holder that sees room for that many more may go on. One that does
-- not raises MQ002 and the API runs the spawn again under the exclusive lock, which waits for every
-- shared holder to commit (and holds new ones off) before it counts.
--
-- Children under one parent need neither: every spawn and approval holds the parent's row lock
-- to commit, so that count is exact already.
CREATE FUNCTION mir_assert_spawn_quota(p_organization_id text, p_parent_id text, p_max_children integer,
  p_max_agents integer, p_exclusive boolean) RETURNS void LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  v_key bigint := hashtextextended('spawn-quota:' || p_organization_id, 0);
  v_slack bigint := current_setting('max_connections')::bigint
    + current_setting('max_prepared_transactions')::bigint;
  v_exclusive boolean := p_exclusive OR p_max_agents <= v_slack;
  v_children bigint;
  v_total bigint;
BEGIN
  IF v_exclusive THEN
    PERFORM pg_advisory_xact_lock(v_key);
  ELSE
    PERFORM pg_advisory_xact_lock_shared(v_key);
  END IF;
  SELECT
    (SELECT count(*) FROM agents WHERE parent_id = p_parent_id AND status <> 'REVOKED')
      + (SELECT count(*) FROM agent_spawn_requests
         WHERE parent_agent_id = p_parent_id AND status = 'PENDING_APPROVAL'),
    (SELECT count(*) FROM agents WHERE organization_id = p_organization_id AND status <> 'REVOKED')
      + (SELECT count(*) FROM agent_spawn_requests
         WHERE organization_id = p_organization_id AND status = 'PENDING_APPROVAL')
  INTO v_children, v_total;
  -- Rows unseen under the shared lock only add to what is seen: over already means over.
  IF v_children > p_max_children THEN
    RAISE EXCEPTION 'spawn quota reached: maxChildrenPerAgent' USING ERRCODE = 'MQ001',
      DETAIL = json_build_object('quota', 'maxChildrenPerAgent', 'limit', p_max_children,
        'current', v_children - 1)::text;
  ELSIF v_total > p_max_agents THEN
    RAISE EXCEPTION 'spawn quota reached: maxAgentsPerOrganization' USING ERRCODE = 'MQ001',
      DETAIL = json_build_object('quota', 'maxAgentsPerOrganization', 'limit', p_max_agents,
        'current', v_total - 1)::text;
  ELSIF NOT v_exclusive AND v_total + v_slack > p_max_agents THEN
    RAISE EXCEPTION 'spawn quota near its limit: count under the exclusive lock' USING ERRCODE = 'MQ002';
  END IF;
END
$$;
--> statement-breakpoint
-- An API not yet restarted on this version still calls the four-argument form: it now counts
-- under the exclusive lock, which waits for shared holders, so both versions keep the quota.
CREATE OR REPLACE FUNCTION mir_assert_spawn_quota(p_organization_id text, p_parent_id text,
  p_max_children integer, p_max_agents integer) RETURNS void LANGUAGE sql VOLATILE AS $$
  SELECT mir_assert_spawn_quota(p_organization_id, p_parent_id, p_max_children, p_max_agents, true)
$$;
