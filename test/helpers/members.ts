import { keyHeaders } from './events';
import { http } from './http';
import { verificationTokenOf } from './linking';

/** A domain no other test (or run) uses, so addresses never collide in the global mir_users table. */
export const freshDomain = () => `m${Date.now()}${Math.random().toString(36).slice(2, 8)}.example.com`;

export const importMembers = (apiKey: string, body: unknown, baseUrl?: string) =>
  http('POST', '/enterprise/api/members/import', { headers: keyHeaders(apiKey), body, baseUrl });

export const listInvites = (apiKey: string, query = '') =>
  http('GET', `/enterprise/api/members/invites${query}`, { headers: keyHeaders(apiKey) });

export const listMembers = (apiKey: string, query = '') =>
  http('GET', `/enterprise/api/members${query}`, { headers: keyHeaders(apiKey) });

/** The password every person signed up here has. */
export const PASSWORD = 'correct horse battery';

/**
 * Signs up without verifying; returns a function that verifies with the token from the dev outbox.
 * The sign-up goes to the stack's API, whose worker mails the token (an API on a task queue of its
 * own queues its mails there, for a worker of that queue); `baseUrl` is the API that verifies.
 */
export async function signUp(email: string, baseUrl?: string) {
  const res = await http('POST', '/v1/users/signup', { body: { email, password: PASSWORD } });
  if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${res.text}`);
  const token = await verificationTokenOf(email);
  return {
    id: res.body.id as string,
    /** The verification token from the mail. */
    token,
    verify: async () => {
      const verified = await http('POST', '/v1/users/verify-email', { body: { token, password: PASSWORD }, baseUrl });
      if (verified.status !== 200) throw new Error(`verify failed: ${verified.status} ${verified.text}`);
      return verified.body as { id: string };
    },
  };
}

export async function verifiedPerson(email: string) {
  const person = await signUp(email);
  await person.verify();
  return person;
}
