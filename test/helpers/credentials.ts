import { getListFromStatusListJWT } from '@sd-jwt/jwt-status-list';
import { bearer } from './data-rights';
import { keyHeaders } from './events';
import { testEnv } from './env';
import { http } from './http';

export const issue = (token: string, body: unknown = {}, baseUrl?: string) =>
  http('POST', '/v1/me/credentials', { headers: bearer(token), body, baseUrl });
export const listCredentials = (token: string, query = '') =>
  http('GET', `/v1/me/credentials${query}`, { headers: bearer(token) });
export const revoke = (token: string, id: string, baseUrl?: string) =>
  http('DELETE', `/v1/me/credentials/${id}`, { headers: bearer(token), baseUrl });
export const verifyClaim = (apiKey: string, credential: unknown) =>
  http('POST', '/v1/claims/verify', { headers: keyHeaders(apiKey), body: { credential } });

/** The stack's issuer: its PUBLIC_URL default, `http://localhost:<port>`. */
export const stackIssuer = () => testEnv().apiUrl.replace('//127.0.0.1:', '//localhost:');

export const decodeJson = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));

/** The compact SD-JWT's parts: header, payload, signature, and each disclosure decoded. */
export function parts(credential: string) {
  const [jwt, ...rest] = credential.split('~');
  const [h, p, sig] = jwt!.split('.');
  const disclosures = rest.filter((d) => d !== '');
  return {
    jwt: jwt!,
    header: decodeJson(h!),
    payload: decodeJson(p!),
    signature: sig!,
    disclosures,
    decoded: disclosures.map((d) => decodeJson(d) as [string, string, unknown]),
  };
}

/** The status bit at `idx` of the list at `uri`, fetched from `baseUrl` (another API process, say). */
export async function statusBit(uri: string, idx: number, baseUrl: string) {
  const res = await fetch(`${baseUrl}${new URL(uri).pathname}`);
  return getListFromStatusListJWT(await res.text()).getStatus(idx);
}
