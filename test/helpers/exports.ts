import { bearer } from './erasure';
import { http } from './http';
import { eventually } from './temporal';

/** POST /v1/me/exports with the person's session. */
export const askExport = (token: string, baseUrl?: string) =>
  http('POST', '/v1/me/exports', { headers: bearer(token), baseUrl });

export const exportStatusOf = (token: string, exportId: string, baseUrl?: string) =>
  http('GET', `/v1/me/exports/${exportId}`, { headers: bearer(token), baseUrl });

export const downloadExport = (token: string, exportId: string, baseUrl?: string) =>
  http('GET', `/v1/me/exports/${exportId}/download`, { headers: bearer(token), baseUrl });

/** Waits until the export's status is `status` (its workflow got there), and answers it. */
export function exportReaches(token: string, exportId: string, status: string, baseUrl?: string, timeoutMs = 60_000) {
  return eventually(async () => {
    const res = await exportStatusOf(token, exportId, baseUrl);
    if (res.status !== 200) throw new Error(`status answered ${res.status} ${res.text}`);
    return res.body.status === status ? res.body : undefined;
  }, timeoutMs);
}

/** Asks for an export and waits until it is READY. */
export async function readyExport(token: string, baseUrl?: string): Promise<string> {
  const asked = await askExport(token, baseUrl);
  if (asked.status !== 202) throw new Error(`export refused: ${asked.status} ${asked.text}`);
  await exportReaches(token, asked.body.exportId, 'READY', baseUrl);
  return asked.body.exportId as string;
}
