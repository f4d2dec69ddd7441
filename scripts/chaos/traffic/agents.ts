import { fingerprint } from '../client';
import { sleep } from '../stack/child';
import { type Flow, answered, keyed, note } from './context';

/**
 * A spawn that needs approval (under a depth-2 agent), requested with the ADMIN key, then
 * approved or rejected with the OWNER key, or left to expire (the policy gives it 45 s).
 */
export async function spawnWithApproval(flow: Flow): Promise<void> {
  const org = flow.rng.pick(flow.ctx.orgs);
  const parent = flow.rng.pick(org.approvalParents);
  const spawn = await answered(flow, {
    op: 'spawn',
    method: 'POST',
    path: `/v1/agents/${parent}/spawn`,
    headers: keyed(org.adminKey, `sp-${flow.id}`),
    json: { name: `child-${flow.id}` },
    sent: { org: org.id, parent },
  });
  if (spawn.status !== 202) return;
  const decision = flow.rng.weighted({ approve: 6, reject: 3, none: 1 });
  if (decision === 'none') return;
  await sleep(flow.rng.int(0, 3000));
  await answered(flow, {
    op: decision,
    method: 'POST',
    path: `/v1/agents/spawn-requests/${spawn.body.spawnRequestId}/${decision}`,
    headers: keyed(org.ownerKey, `dec-${flow.id}`),
    json: { reason: `chaos ${decision}` },
    sent: { org: org.id, spawnRequestId: spawn.body.spawnRequestId },
  });
}

/** Spawns `count` children under `parent` (no approval at depth 1 and 2), four at a time. */
async function children(flow: Flow, ownerKey: string, parent: string, count: number, tag: string) {
  const made: { id: string; apiKey: string | null }[] = [];
  const one = async (i: number) => {
    const res = await answered(flow, {
      op: 'tree-spawn',
      method: 'POST',
      path: `/v1/agents/${parent}/spawn`,
      headers: keyed(ownerKey, `ts-${flow.id}-${tag}-${i}`),
      json: { name: `${tag}-${i}` },
    });
    if (res.status === 201) made.push({ id: res.body.id, apiKey: res.body.apiKey });
  };
  for (let i = 0; i < count; i += 4) await Promise.all([i, i + 1, i + 2, i + 3].filter((j) => j < count).map(one));
  return made;
}

/**
 * Grows a tree of tens of agents, then pulls the kill switch on its root (sometimes on a branch
 * first, so two operations overlap). Right after the 202, keys of the family are tried: each must
 * already be refused.
 */
export async function killSwitch(flow: Flow): Promise<void> {
  const org = flow.rng.pick(flow.ctx.orgs);
  const root = await answered(flow, {
    op: 'tree-root',
    method: 'POST',
    path: '/v1/agents',
    headers: keyed(org.ownerKey, `tr-${flow.id}`),
    json: { name: `tree-${flow.id}`, type: 'SERVICE_ACCOUNT', permissions: ['events:read', 'events:write'] },
  });
  if (root.status !== 201) return;
  const branches = await children(flow, org.ownerKey, root.body.id, flow.rng.int(2, 4), 'b');
  const leaves = [];
  for (const b of branches) leaves.push(...(await children(flow, org.ownerKey, b.id, flow.rng.int(3, 8), `l${b.id}`)));
  const pull = (agentId: string, idem: string) =>
    answered(flow, {
      op: 'kill-switch',
      method: 'POST',
      path: `/v1/agents/${agentId}/revoke-descendants`,
      headers: keyed(org.ownerKey, idem),
      json: { reason: 'chaos kill switch' },
      sent: { org: org.id, agentId },
    });
  if (branches.length > 0 && flow.rng.chance(0.3)) await pull(flow.rng.pick(branches).id, `ksb-${flow.id}`);
  const switched = await pull(root.body.id, `ks-${flow.id}`);
  if (switched.status !== 202) return;
  const family = [{ id: root.body.id, apiKey: root.body.apiKey as string | null }, ...branches, ...leaves];
  for (const agent of family.filter((a) => a.apiKey).slice(0, 3)) {
    await answered(flow, {
      op: 'probe-switched',
      method: 'GET',
      path: '/v1/agents/me',
      headers: { 'x-api-key': agent.apiKey! },
      sent: { agentId: agent.id, operationId: switched.body.operationId },
    });
  }
  note(flow, 'tree', {
    org: org.id,
    rootAgentId: root.body.id,
    size: family.length,
    operationId: switched.body.operationId,
  });
}

/** A key rotation on one of the organisation's agents (one at a time per agent), then both keys tried. */
export async function rotateKey(flow: Flow): Promise<void> {
  const org = flow.rng.pick(flow.ctx.orgs);
  const agent = flow.rng.pick(org.rotationAgents);
  if (agent.busy) return;
  agent.busy = true;
  try {
    const rotated = await answered(flow, {
      op: 'rotate',
      method: 'POST',
      path: `/v1/agents/${agent.id}/key/rotate`,
      headers: keyed(org.ownerKey, `rot-${flow.id}`),
      sent: { org: org.id, agentId: agent.id },
    });
    if (rotated.status !== 200 || !rotated.body.apiKey) return;
    const old = agent.key;
    agent.key = rotated.body.apiKey as string;
    note(flow, 'agent-key', { agentId: agent.id, key: fingerprint(agent.key) });
    const probe = (op: string, key: string) =>
      answered(flow, {
        op,
        method: 'GET',
        path: '/v1/agents/me',
        headers: { 'x-api-key': key },
        sent: { agentId: agent.id },
      });
    await probe('probe-new-key', agent.key);
    if (old) await probe('probe-old-key', old);
  } finally {
    agent.busy = false;
  }
}
