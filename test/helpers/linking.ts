import type { Client } from '@temporalio/client';
import { confirmLinkUpdate, declineLinkUpdate } from '../../src/workflows/messages';
import { keyHeaders } from './events';
import { http } from './http';

export async function signupAndLogin(
  email = `p${Date.now()}${Math.random().toString(36).slice(2, 8)}@example.com`,
  baseUrl?: string,
) {
  const password = 'correct horse battery';
  const signup = await http('POST', '/v1/users/signup', { body: { email, password }, baseUrl });
  if (signup.status !== 201) throw new Error(`signup failed: ${signup.status} ${signup.text}`);
  const login = await http('POST', '/v1/users/login', { body: { email, password }, baseUrl });
  if (login.status !== 200) throw new Error(`login failed: ${login.status} ${login.text}`);
  return { id: signup.body.id as string, email, password, token: login.body.token as string };
}

/** Registers origins the link page may redirect to (settings.linkRedirectOrigins). */
export async function allowRedirects(apiKey: string, origins: string[], baseUrl?: string) {
  const res = await http('PATCH', '/portal/api/settings', {
    headers: keyHeaders(apiKey),
    body: { linkRedirectOrigins: origins },
    baseUrl,
  });
  if (res.status !== 200) throw new Error(`registering redirect origins failed: ${res.status} ${res.text}`);
}

export async function invite(apiKey: string, userId: string, extra: Record<string, unknown> = {}, baseUrl?: string) {
  const res = await http('POST', '/partners/link/invite', {
    headers: keyHeaders(apiKey),
    body: { userId, ...extra },
    baseUrl,
  });
  if (res.status !== 201) throw new Error(`invite failed: ${res.status} ${res.text}`);
  return res.body as { inviteId: string; inviteUrl: string; expiresAt: string };
}

/** What the confirmation page does when the person clicks Confirm. */
export const confirmInvite = (client: Client, inviteId: string, mirUserId: string) =>
  client.workflow.getHandle(`link-invite:${inviteId}`).executeUpdate(confirmLinkUpdate, { args: [{ mirUserId }] });

export const declineInvite = (client: Client, inviteId: string) =>
  client.workflow.getHandle(`link-invite:${inviteId}`).executeUpdate(declineLinkUpdate);
