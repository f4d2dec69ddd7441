import { keyHeaders } from './events';
import { adminHeaders, http } from './http';

export const AI_BOT = {
  name: 'Checkout Bot',
  type: 'AI_AGENT',
  preset: 'event_emitter',
  allowedEventTypes: ['transaction.completed', 'transaction.refunded'],
  allowedEventPatterns: ['review.*'],
  rateLimitPerMinute: 100,
};

export async function createAgent(ownerKey: string, body: Record<string, unknown> = AI_BOT) {
  const res = await http('POST', '/v1/agents', { headers: keyHeaders(ownerKey), body });
  if (res.status !== 201) throw new Error(`creating an agent failed: ${res.status} ${res.text}`);
  return res.body as { id: string; apiKey: string } & Record<string, any>;
}

export async function issueKey(orgId: string, role: 'OWNER' | 'ADMIN' | 'MEMBER' | 'ANALYST') {
  const res = await http('POST', `/admin/organizations/${orgId}/keys`, { headers: adminHeaders(), body: { role } });
  if (res.status !== 201) throw new Error(`issuing a key failed: ${res.status} ${res.text}`);
  return res.body.apiKey as string;
}
