import { sql } from 'drizzle-orm';

/**
 * True when a kill switch was pulled on the agent or any ancestor. A bounded number of probes
 * (depth ≤ 20) on agent_revocation_operations' root index, whatever the size of the tree, so
 * auth can read it in the same lookup as the key. Written for a query on the unaliased `agents`
 * table: drizzle would render the columns unqualified, and `id` would then mean `ks.id`.
 */
export const killSwitched = sql<boolean>`exists (
  select 1 from agent_revocation_operations ks
  where ks.root_agent_id = any(string_to_array(agents.ancestry || agents.id, '/'))
)`;
