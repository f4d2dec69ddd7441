import { testSql } from '../helpers/db';
import { exportReaches } from '../helpers/exports';
import { signupAndLogin } from '../helpers/linking';
import { PageClient, csrfOf } from '../helpers/page-client';

jest.setTimeout(120_000);

const sql = testSql();
afterAll(() => sql.end());

/** A browser in miniature holding the person's session. */
function loggedIn(person: { token: string }) {
  const client = new PageClient();
  client.cookies.set('mir_session', person.token);
  return client;
}

const exportsOf = (mirUserId: string) =>
  sql<{ id: string }[]>`select id from data_exports where mir_user_id = ${mirUserId} order by created_at`;

describe('/account/export', () => {
  it('sends anyone without a session to log in; refuses a forged or cross-site form, asking for nothing', async () => {
    const anonymous = await new PageClient().get('/account/export');
    expect([anonymous.status, anonymous.location]).toEqual([303, '/account/login?next=%2Faccount%2Fexport']);
    const person = await signupAndLogin();
    const client = loggedIn(person);
    const page = await client.get('/account/export');
    expect(page.status).toBe(200);
    expect(page.html).toContain('id="no-exports"');
    expect((await client.post('/account/export', { csrf: 'A'.repeat(43) })).status).toBe(403);
    const crossSite = await client.post('/account/export', { csrf: csrfOf(page) }, { 'sec-fetch-site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    expect(await exportsOf(person.id)).toEqual([]);
  });

  it('its button asks once however often it is pressed at once, and lists the export with its download link', async () => {
    const person = await signupAndLogin();
    const client = loggedIn(person);
    const page = await client.get('/account/export');
    const answers = await Promise.all([1, 2, 3].map(() => client.submit('/account/export', page)));
    expect(answers.map((a) => [a.status, a.location])).toEqual(Array(3).fill([303, '/account/export']));
    const [made, ...more] = await exportsOf(person.id);
    expect(more).toEqual([]);
    await exportReaches(person.token, made!.id, 'READY');
    const listed = await client.get('/account/export');
    expect(listed.html).toContain(`href="/v1/me/exports/${made!.id}/download"`);
  });

  it('says so, with 429 and Retry-After, past five exports a day, asking for nothing more', async () => {
    const person = await signupAndLogin();
    const client = loggedIn(person);
    for (let i = 0; i < 5; i += 1) {
      const asked = await client.submit('/account/export', await client.get('/account/export'));
      expect(asked.status).toBe(303);
      const newest = (await exportsOf(person.id)).at(-1)!;
      await exportReaches(person.token, newest.id, 'READY');
    }
    const refused = await client.submit('/account/export', await client.get('/account/export'));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.html).toContain('five exports today');
    expect(await exportsOf(person.id)).toHaveLength(5);
  });
});
