import { keyHeaders, uniqueUserId } from './events';
import { freshLoopback, http, postFrom } from './http';
import { eventually } from './temporal';

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** Links the person to one of the partner's users by a code the partner issues: the person's own act. */
export async function linkWithCode(apiKey: string, personToken: string, userId = uniqueUserId('linked')) {
  const code = await http('POST', '/partners/link/code', { headers: keyHeaders(apiKey), body: { userId } });
  if (code.status !== 201) throw new Error(`code failed: ${code.status} ${code.text}`);
  // From an address of its own: redemptions are counted per client address.
  const redeemed = await postFrom(
    freshLoopback(),
    '/v1/me/links/code',
    { code: code.body.code },
    { headers: bearer(personToken) },
  );
  if (redeemed.status !== 200) throw new Error(`redeem failed: ${redeemed.status} ${JSON.stringify(redeemed.body)}`);
  return userId;
}

export const resolveUser = (apiKey: string, userId: string) =>
  http('POST', '/resolve', { headers: keyHeaders(apiKey), body: { userId } });

export const linkStatus = (apiKey: string, userId: string) =>
  http('GET', `/partners/link/status?userId=${encodeURIComponent(userId)}`, { headers: keyHeaders(apiKey) });

export const evaluate = (apiKey: string, userId: string, action = 'checkout.complete') =>
  http('POST', '/policy/evaluate', { headers: keyHeaders(apiKey), body: { actor_id: userId, action } });

export const accessLog = (token: string, query = '', baseUrl?: string) =>
  http('GET', `/v1/me/access-log${query}`, { headers: bearer(token), baseUrl });

/** The person's access log once it holds `count` entries: it is written off the request path. */
export async function accessLogWith(token: string, count: number, baseUrl?: string) {
  return eventually(async () => {
    const res = await accessLog(token, '?limit=100', baseUrl);
    return res.body.entries?.length >= count ? (res.body.entries as AccessEntry[]) : undefined;
  });
}

export interface AccessEntry {
  partner: { id: string; name: string };
  operation: 'resolve' | 'evaluate' | 'link_status';
  action: string | null;
  outcome: string | null;
  at: string;
}
