-- Counts one request in the current one-minute window of each of an agent's buckets (every
-- ancestor with its own limit, its root, itself), all or nothing, in one call: the API sends one
-- statement per request whatever the depth, and every API process shares the same rows.
--
-- All or nothing: a request any bucket refuses is taken back from every bucket before the call
-- returns, so a child hammering past its own small limit never spends its parent's budget, and
-- the counts never pass their limits. The rows stay locked from the increment to the call's end,
-- so no other request sees a count that is then taken back.
--
-- Buckets are locked in the order given, deepest first (the agent, its parent, …, its root):
-- requests of one family lock the rows they share in the same order, so they queue and never
-- deadlock; the two-bucket statement of earlier versions (agent, then root) keeps that order too.
-- At most 21 buckets (the depth bound, 20, plus the agent): O(depth) primary-key upserts.
CREATE FUNCTION mir_count_request(p_buckets text[], p_limits integer[]) RETURNS integer[]
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  v_window timestamptz := date_trunc('minute', now());
  v_counts integer[] := '{}';
  v_count integer;
  v_over boolean := false;
BEGIN
  FOR i IN 1 .. cardinality(p_buckets) LOOP
    INSERT INTO rate_limit_counters AS c (bucket, window_start, count) VALUES (p_buckets[i], v_window, 1)
    ON CONFLICT (bucket, window_start) DO UPDATE SET count = c.count + 1
    RETURNING c.count INTO v_count;
    v_counts := v_counts || v_count;
    v_over := v_over OR v_count > p_limits[i];
  END LOOP;
  IF v_over THEN
    UPDATE rate_limit_counters c SET count = c.count - 1
    WHERE c.bucket = ANY(p_buckets) AND c.window_start = v_window;
  END IF;
  RETURN v_counts;
END
$$;
