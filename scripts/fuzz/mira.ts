/**
 * A Mira organisation with a read+write key and one rep, made through the operator's admin route,
 * so that Mira's operations that take a user_id can succeed.
 */
export async function createMiraKey(apiUrl: string, adminToken: string): Promise<string> {
  const created = await fetch(`${apiUrl}/admin/mira/organizations`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Fuzz' }),
  });
  if (created.status !== 201) throw new Error(`creating the Mira organisation: ${created.status}`);
  const key = ((await created.json()) as { key: { apiKey: string } }).key.apiKey;
  const rep = await fetch(`${apiUrl}/api/v1/users`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Fuzz Rep', email: 'rep@fuzz.example' }),
  });
  if (rep.status !== 201) throw new Error(`creating the Mira rep: ${rep.status}`);
  return key;
}
