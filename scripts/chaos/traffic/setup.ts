import { fingerprint } from '../client';
import type { Rng } from '../rng';
import { type Flow, type Org, type TrafficContext, admin, keyed, must, note } from './context';

/**
 * What partners have before traffic starts: two enterprise organisations (an OWNER and an ADMIN
 * key each, spawning on with approval from depth 3, a webhook endpoint for every event type,
 * three depth-2 agents to spawn under) and a Mira organisation with three reps.
 */
export const SPAWN_POLICY = {
  enabled: true,
  maxDepth: 4,
  requireApprovalFromDepth: 3,
  // Short, so requests nobody decides expire within the run.
  approvalTimeoutSeconds: 45,
  maxChildrenPerAgent: 100_000,
  maxAgentsPerOrganization: 1_000_000,
};

async function setUpOrg(flow: Flow, label: string): Promise<Org> {
  const { ctx } = flow;
  const org = await must(
    flow,
    {
      op: 'setup',
      method: 'POST',
      path: '/admin/organizations',
      headers: admin(ctx),
      json: { name: `Chaos ${label}`, plan: 'enterprise' },
    },
    201,
  );
  const ownerKey: string = org.apiKey;
  const adminKey: string = (
    await must(
      flow,
      {
        op: 'setup',
        method: 'POST',
        path: `/admin/organizations/${org.id}/keys`,
        headers: admin(ctx),
        json: { role: 'ADMIN' },
      },
      201,
    )
  ).apiKey;
  await must(
    flow,
    {
      op: 'setup',
      method: 'PATCH',
      path: '/portal/api/settings',
      headers: keyed(ownerKey),
      json: { spawnPolicy: SPAWN_POLICY },
    },
    200,
  );
  const endpoint = await must(
    flow,
    {
      op: 'webhook-create',
      method: 'POST',
      path: '/v1/webhooks',
      headers: keyed(ownerKey, `${flow.id}-${label}-hook`),
      json: { url: ctx.receiverUrl(label), eventTypes: ['*'] },
    },
    201,
  );
  ctx.webhookSecrets.set(endpoint.id, [endpoint.secret]);
  note(flow, 'webhook-endpoint', { org: org.id, endpointId: endpoint.id, label });
  const root = await must(
    flow,
    {
      op: 'setup',
      method: 'POST',
      path: '/v1/agents',
      headers: keyed(ownerKey),
      json: { name: `${label} approvals`, type: 'SERVICE_ACCOUNT', permissions: ['events:read', 'events:write'] },
    },
    201,
  );
  const spawnUnder = (parent: string, name: string) =>
    must(
      flow,
      {
        op: 'setup',
        method: 'POST',
        path: `/v1/agents/${parent}/spawn`,
        headers: keyed(ownerKey, `${flow.id}-${label}-${name}`),
        json: { name },
      },
      201,
    );
  const depth1 = await spawnUnder(root.id, 'team');
  const approvalParents: string[] = [];
  for (const n of [1, 2, 3]) approvalParents.push((await spawnUnder(depth1.id, `lead-${n}`)).id);
  const rotationAgents = [];
  for (const n of [1, 2, 3]) {
    const agent = await must(
      flow,
      {
        op: 'setup',
        method: 'POST',
        path: '/v1/agents',
        headers: keyed(ownerKey, `${flow.id}-${label}-rot-${n}`),
        json: { name: `${label} rotating ${n}`, type: 'SERVICE_ACCOUNT', permissions: ['events:read'] },
      },
      201,
    );
    rotationAgents.push({ id: agent.id as string, key: agent.apiKey as string, busy: false });
    note(flow, 'agent-key', { agentId: agent.id, key: fingerprint(agent.apiKey) });
  }
  const users = Array.from({ length: 40 }, (_, i) => `${label}-user-${i}`);
  return { label, id: org.id, ownerKey, adminKey, endpointId: endpoint.id, users, approvalParents, rotationAgents };
}

export async function setUp(ctx: TrafficContext, rng: Rng): Promise<void> {
  const flow: Flow = { ctx, id: 'setup', rng };
  for (const label of ['a', 'b']) ctx.orgs.push(await setUpOrg(flow, label));
  const mira = await must(
    flow,
    {
      op: 'setup',
      method: 'POST',
      path: '/admin/mira/organizations',
      headers: admin(ctx),
      json: { name: 'Chaos Mira' },
    },
    201,
  );
  ctx.mira.key = mira.key.apiKey;
  note(flow, 'mira-org', { id: mira.id });
  for (const name of ['Jane Smith', 'Omar Diaz', 'Li Wei']) {
    const email = `${name.replace(/\W/g, '.').toLowerCase()}@chaos.example`;
    const rep = await must(
      flow,
      {
        op: 'setup',
        method: 'POST',
        path: '/api/v1/users',
        headers: { authorization: `Bearer ${ctx.mira.key}` },
        json: { name, email },
      },
      201,
    );
    ctx.mira.reps.push(rep.data.id);
  }
}
