import { createAgent } from './agents';
import { keyHeaders } from './events';
import { http } from './http';
import { signupAndLogin } from './linking';
import { addMembers, asMember, createOrgFor, type Person } from './member-sessions';
import { PageClient } from './page-client';
import { setSpawnPolicy, spawn } from './spawn';

/** What a spawn of this shape asks for needs approval under the policy below. */
export const READER = { name: 'reader', permissions: ['events:read'] };

/** An organisation whose spawns asking for events:read wait for approval, with people in each role and a parent agent. */
export async function consoleOrg() {
  const owner = await signupAndLogin();
  const org = await createOrgFor(owner, `Console <b>Org</b> ${Date.now()}`);
  await setSpawnPolicy(org.apiKey, { enabled: true, maxDepth: 3, requireApprovalForPermissions: ['events:read'] });
  const [admin, admin2, analyst] = (await addMembers(org.apiKey, ['ADMIN', 'ADMIN', 'ANALYST'])) as Person[];
  const parent = await createAgent(org.apiKey, { name: 'Reconciler', type: 'SERVICE_ACCOUNT', preset: 'reconciler' });
  return { org, owner, admin: admin!, admin2: admin2!, analyst: analyst!, parentId: parent.id };
}

/** A pending spawn request, made with the org's key or through a person's session. */
export async function pendingSpawn(
  org: { id: string; apiKey: string },
  parentId: string,
  by?: Person,
  name = 'reader',
) {
  const res = by
    ? await http('POST', `/v1/agents/${parentId}/spawn`, { headers: asMember(by, org.id), body: { ...READER, name } })
    : await spawn(org.apiKey, parentId, { ...READER, name });
  if (res.status !== 202) throw new Error(`spawn did not wait for approval: ${res.status} ${res.text}`);
  return res.body as { spawnRequestId: string; workflowId: string; childAgentId: string };
}

/** A page client logged in as the person (their session cookie, as the login page sets it). */
export function consoleClient(person: Person): PageClient {
  const client = new PageClient();
  client.cookies.set('mir_session', person.token);
  return client;
}

export const spawnRequest = (person: Person, orgId: string, id: string) =>
  http('GET', `/v1/agents/spawn-requests/${id}`, { headers: asMember(person, orgId) });

/** A webhook endpoint registered with the org's key (the console lists, never creates, them). */
export async function registerWebhook(apiKey: string, url: string) {
  const res = await http('POST', '/v1/webhooks', { headers: keyHeaders(apiKey), body: { url, eventTypes: ['*'] } });
  if (res.status !== 201) throw new Error(`registering a webhook failed: ${res.status} ${res.text}`);
  return res.body as { id: string };
}
