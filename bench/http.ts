/** A JSON request the bench needs to succeed: throws with the answer on anything but 2xx. */
export async function call(url: string, init: { method?: string; headers: Record<string, string>; body?: unknown }) {
  const res = await fetch(url, {
    method: init.method ?? 'GET',
    headers: { 'content-type': 'application/json', ...init.headers },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- whatever the API answered, read by field below
  const body = (await res.json()) as Record<string, any>;
  if (res.status >= 300) throw new Error(`${init.method ?? 'GET'} ${url}: ${res.status} ${JSON.stringify(body)}`);
  return body;
}
