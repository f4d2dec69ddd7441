import { http } from './http';

export const keyHeaders = (apiKey: string, extra: Record<string, string> = {}) => ({ 'x-api-key': apiKey, ...extra });

export const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

let counter = 0;
/** A userId no other test uses, so tests sharing the stack never see each other's users. */
export const uniqueUserId = (label = 'user') => `${label}-${process.pid}-${Date.now()}-${(counter += 1)}`;

export async function postEvent(apiKey: string, event: Record<string, unknown>, headers: Record<string, string> = {}) {
  return http('POST', '/events', { headers: keyHeaders(apiKey, headers), body: event });
}

/** Seeds through the public bulk endpoint in chunks, failing loudly if anything is refused. */
export async function seedEvents(apiKey: string, events: Record<string, unknown>[]) {
  for (let i = 0; i < events.length; i += 500) {
    const res = await http('POST', '/events/bulk', {
      headers: keyHeaders(apiKey),
      body: { events: events.slice(i, i + 500) },
    });
    if (res.status !== 200 || res.body.summary.errors !== 0)
      throw new Error(`seeding failed: ${res.status} ${res.text}`);
  }
}
