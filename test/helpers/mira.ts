import { type HttpResult, adminHeaders, http } from './http';
import { eventually } from './temporal';
import { GOOD_CALL } from './mira-transcripts';

export interface MiraOrg {
  id: string;
  key: string;
}

export async function createMiraOrg(name = `Mira ${Date.now()}`, baseUrl?: string): Promise<MiraOrg> {
  const res = await http('POST', '/admin/mira/organizations', { headers: adminHeaders(), body: { name }, baseUrl });
  if (res.status !== 201) throw new Error(`creating a Mira org failed: ${res.status} ${res.text}`);
  return { id: res.body.id, key: res.body.key.apiKey };
}

export async function createMiraKey(orgId: string, readOnly: boolean): Promise<string> {
  const res = await http('POST', `/admin/mira/organizations/${orgId}/keys`, {
    headers: adminHeaders(),
    body: { readOnly },
  });
  if (res.status !== 201) throw new Error(`creating a Mira key failed: ${res.status} ${res.text}`);
  return res.body.apiKey;
}

export const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

/** One Mira call with an organisation's key. */
export function mira<T = any>(
  method: string,
  path: string,
  key: string | null,
  body?: unknown,
  baseUrl?: string,
): Promise<HttpResult<T>> {
  return http<T>(method, `/api/v1${path}`, { headers: key ? bearer(key) : {}, body, baseUrl });
}

export async function createRep(org: MiraOrg, name = 'Jane Smith', baseUrl?: string): Promise<string> {
  const email = `${name.replace(/\W/g, '.').toLowerCase()}.${Math.random().toString(36).slice(2)}@example.com`;
  const res = await mira('POST', '/users', org.key, { name, email }, baseUrl);
  if (res.status !== 201) throw new Error(`creating a rep failed: ${res.status} ${res.text}`);
  return res.body.data.id;
}

export function meetingBody(userId: string, extra: Record<string, unknown> = {}) {
  return {
    title: 'Discovery with Acme',
    user_id: userId,
    started_at: new Date().toISOString(),
    call_type: 'discovery',
    prospect: { name: 'Dana', title: 'VP of Sales', company: 'Acme', industry: 'Software' },
    transcript: GOOD_CALL,
    ...extra,
  };
}

export async function submitMeeting(org: MiraOrg, body: Record<string, unknown>, baseUrl?: string): Promise<string> {
  const res = await mira('POST', '/meetings', org.key, body, baseUrl);
  if (res.status !== 202) throw new Error(`submitting a meeting failed: ${res.status} ${res.text}`);
  return res.body.data.id;
}

const FINAL = ['completed', 'failed', 'no_transcript'];

/** The meeting once its pipeline has ended (completed, failed or no_transcript). */
export function finishedMeeting(org: MiraOrg, id: string, timeoutMs = 30_000, baseUrl?: string): Promise<any> {
  return eventually(async () => {
    const res = await mira('GET', `/meetings/${id}`, org.key, undefined, baseUrl);
    return FINAL.includes(res.body?.data?.status) ? res.body.data : undefined;
  }, timeoutMs);
}

export function expectMiraError(res: HttpResult, status: number, code: string, message?: RegExp): void {
  expect({ status: res.status, body: res.body }).toEqual({
    status,
    body: {
      data: null,
      error: { code, message: message ? expect.stringMatching(message) : expect.any(String) },
      meta: null,
    },
  });
}
