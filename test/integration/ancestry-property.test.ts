import fc from 'fast-check';
import { PERMISSIONS } from '../../src/domain/permissions';
import { createAgent } from '../helpers/agents';
import { keyHeaders } from '../helpers/events';
import { me, setSpawnPolicy, spawn } from '../helpers/spawn';
import { createOrg, http } from '../helpers/http';

jest.setTimeout(240_000);

const POWERS = ['events:write', 'events:read', 'users:resolve', 'audit:read'] as const;
const permsArb = fc.subarray([...POWERS], { minLength: 1 });
const opArb = fc.oneof(
  fc.record({ kind: fc.constant('spawn' as const), at: fc.nat(), perms: permsArb }),
  fc.record({ kind: fc.constant('patch' as const), at: fc.nat(), perms: permsArb }),
  fc.record({ kind: fc.constantFrom('suspend' as const, 'reactivate' as const, 'revoke' as const), at: fc.nat() }),
);

interface Held {
  id: string;
  apiKey: string;
}

interface Stored {
  id: string;
  parentId: string | null;
  status: string;
  permissions: string[];
}

/** What the API holds now, read back: the oracle works from this, not from what the steps asked for. */
async function stored(ownerKey: string, agents: Held[]): Promise<Map<string, Stored>> {
  const rows = await Promise.all(
    agents.map(
      async (a) => (await http('GET', `/v1/agents/${a.id}`, { headers: keyHeaders(ownerKey) })).body as Stored,
    ),
  );
  return new Map(rows.map((r) => [r.id, r]));
}

function ancestorsOf(id: string, all: Map<string, Stored>): Stored[] {
  const chain: Stored[] = [];
  for (let p = all.get(id)!.parentId; p; p = all.get(p)!.parentId) chain.push(all.get(p)!);
  return chain;
}

/** After any sequence, no agent can do anything one of its ancestors cannot. */
async function checkFamily(ownerKey: string, agents: Held[]) {
  const all = await stored(ownerKey, agents);
  for (const agent of agents) {
    const self = all.get(agent.id)!;
    const ancestors = ancestorsOf(agent.id, all);
    const res = await me(agent.apiKey);
    if (self.status !== 'ACTIVE' || ancestors.some((a) => a.status !== 'ACTIVE')) {
      expect(res.status).toBe(401);
      continue;
    }
    expect(res.status).toBe(200);
    const expected = PERMISSIONS.filter(
      (p) => self.permissions.includes(p) && ancestors.every((a) => a.permissions.includes(p)),
    );
    expect(res.body.effective.permissions).toEqual(expected);
  }
}

describe('the ancestry rule over random sequences of spawns, patches, suspensions and reactivations', () => {
  it('holds after every step', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 6 }), async (ops) => {
        const org = await createOrg();
        await setSpawnPolicy(org.apiKey, { enabled: true, maxDepth: 4 });
        const root = await createAgent(org.apiKey, { name: 'root', type: 'SERVICE_ACCOUNT', permissions: [...POWERS] });
        const agents: Held[] = [root];
        for (const op of ops) {
          const target = agents[op.at % agents.length]!;
          const headers = keyHeaders(org.apiKey);
          if (op.kind === 'spawn') {
            const res = await spawn(org.apiKey, target.id, { name: 'kid', permissions: op.perms });
            if (res.status === 201) agents.push({ id: res.body.id, apiKey: res.body.apiKey });
          } else if (op.kind === 'patch') {
            await http('PATCH', `/v1/agents/${target.id}`, { headers, body: { permissions: op.perms } });
          } else {
            await http('POST', `/v1/agents/${target.id}/${op.kind}`, { headers });
          }
          await checkFamily(org.apiKey, agents);
        }
      }),
      { numRuns: 10 },
    );
  });
});
