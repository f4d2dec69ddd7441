-- The spawn quota, checked inside Postgres: live agents and pending spawn requests under the parent
-- and in the organisation, counted under a per-organisation advisory lock held to commit, so
-- concurrent spawns count each other. Raising here (SQLSTATE MQ001, the numbers as JSON in DETAIL)
-- lets the API send its COMMIT in the same write as this call: the lock is then held while
-- Postgres counts and commits, never while the API's event loop gets round to reading the count.
-- A VOLATILE function takes a new snapshot for each statement, so the count sees every spawn
-- committed before the lock was granted.
CREATE FUNCTION mir_assert_spawn_quota(p_organization_id text, p_parent_id text, p_max_children integer,
  p_max_agents integer) RETURNS void LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  v_children bigint;
  v_total bigint;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended('spawn-quota:' || p_organization_id, 0));
  SELECT
    (SELECT count(*) FROM agents WHERE parent_id = p_parent_id AND status <> 'REVOKED')
      + (SELECT count(*) FROM agent_spawn_requests
         WHERE parent_agent_id = p_parent_id AND status = 'PENDING_APPROVAL'),
    (SELECT count(*) FROM agents WHERE organization_id = p_organization_id AND status <> 'REVOKED')
      + (SELECT count(*) FROM agent_spawn_requests
         WHERE organization_id = p_organization_id AND status = 'PENDING_APPROVAL')
  INTO v_children, v_total;
  IF v_children > p_max_children THEN
    RAISE EXCEPTION 'spawn quota reached: maxChildrenPerAgent' USING ERRCODE = 'MQ001',
      DETAIL = json_build_object('quota', 'maxChildrenPerAgent', 'limit', p_max_children,
        'current', v_children - 1)::text;
  ELSIF v_total > p_max_agents THEN
    RAISE EXCEPTION 'spawn quota reached: maxAgentsPerOrganization' USING ERRCODE = 'MQ001',
      DETAIL = json_build_object('quota', 'maxAgentsPerOrganization', 'limit', p_max_agents,
        'current', v_total - 1)::text;
  END IF;
END
$$;
