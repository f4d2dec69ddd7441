import { runMir } from '../helpers/cli';
import { createMiraOrg, expectMiraError, mira } from '../helpers/mira';
import { eventually } from '../helpers/temporal';

jest.setTimeout(180_000);

/** `npm run mir -- mira key list|limit|revoke`, as an operator runs them, against the test stack. */
describe('npm run mir -- mira key list / revoke', () => {
  it('lists the keys without them, and a revoked key is refused from the next request', async () => {
    const org = await createMiraOrg();
    const created = await runMir([
      'mira',
      'key',
      'create',
      '--org',
      org.id,
      '--read-only',
      '--name',
      'crm sync',
      '--json',
    ]);
    expect(created.code).toBe(0);
    const readOnly = JSON.parse(created.stdout.trim().split('\n').pop()!).apiKey as string;
    expect((await mira('GET', '/users', org.key)).status).toBe(200);

    const list = async () => {
      const res = await runMir(['mira', 'key', 'list', '--org', org.id]);
      expect(res).toMatchObject({ code: 0 });
      return res.stdout.trim().split('\n');
    };
    // lastUsedAt is written off the request's path: wait until the list shows it.
    const lines = await eventually(async () => {
      const l = await list();
      return l.some((line) => /last used never/.test(line) && line.includes(org.key.slice(0, 16))) ? undefined : l;
    }, 60_000);
    expect(lines).toHaveLength(2);
    const [first, second] = lines as [string, string];
    expect(first).toMatch(
      new RegExp(
        `^[0-9a-f-]{36} ${org.key.slice(0, 16)}… read\\+write 1200/min \\(default\\) created \\S+, last used 20`,
      ),
    );
    expect(second).toMatch(
      new RegExp(
        `^[0-9a-f-]{36} ${readOnly.slice(0, 16)}… "crm sync" read 1200/min \\(default\\) created \\S+, last used never$`,
      ),
    );
    for (const secret of [org.key, readOnly]) expect(lines.join('\n')).not.toContain(secret.slice(0, 20));

    const keyId = first.split(' ')[0]!;
    const revoked = await runMir(['mira', 'key', 'revoke', '--org', org.id, '--key', keyId]);
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toMatch(new RegExp(`^${keyId} .*, revoked \\S+: refused from the next request`, 'm'));
    expectMiraError(await mira('GET', '/users', org.key), 401, 'unauthorized');
    expect((await mira('GET', '/users', readOnly)).status).toBe(200);
    expect((await list())[0]).toMatch(/, revoked 20/);

    const json = await runMir(['mira', 'key', 'list', '--org', org.id, '--json']);
    expect(json.code).toBe(0);
    const keys = JSON.parse(json.stdout.trim().split('\n').pop()!).keys;
    expect(keys.map((k: any) => [k.id, k.name, k.revokedAt !== null])).toEqual([
      [keyId, null, true],
      [expect.any(String), 'crm sync', false],
    ]);
  });

  it('fails with a message for an unknown key or organisation, and with usage for a missing --key', async () => {
    const org = await createMiraOrg();
    const unknown = await runMir([
      'mira',
      'key',
      'revoke',
      '--org',
      org.id,
      '--key',
      '00000000-0000-4000-8000-000000000000',
    ]);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toMatch(/404|not found/);
    const noOrg = await runMir(['mira', 'key', 'list', '--org', '00000000-0000-4000-8000-000000000000']);
    expect(noOrg.code).not.toBe(0);
    expect(noOrg.stderr).toMatch(/404|not found/);
    const usage = await runMir(['mira', 'key', 'revoke', '--org', org.id]);
    expect(usage.code).not.toBe(0);
    expect(usage.stderr).toMatch(/--key is required/);
    expect((await mira('GET', '/users', org.key)).status).toBe(200);
  });

  it('gives a key its own limit (create --rate-limit, key limit), shown in the list and applied to requests', async () => {
    const org = await createMiraOrg();
    const created = await runMir(['mira', 'key', 'create', '--org', org.id, '--rate-limit', '40', '--json']);
    expect(created.code).toBe(0);
    const made = JSON.parse(created.stdout.trim().split('\n').pop()!) as { id: string; apiKey: string };
    const limitOf = async (key: string) => (await mira('GET', '/users', key)).headers.get('ratelimit-limit');
    expect(await limitOf(made.apiKey)).toBe('40');
    const lines = async () => {
      const res = await runMir(['mira', 'key', 'list', '--org', org.id]);
      expect(res.code).toBe(0);
      return res.stdout.trim().split('\n');
    };
    expect(await lines()).toEqual([
      expect.stringMatching(/ read\+write 1200\/min \(default\) created /),
      expect.stringMatching(new RegExp(`^${made.id} .* read\\+write 40/min created `)),
    ]);
    const limit = (value: string) =>
      runMir(['mira', 'key', 'limit', '--org', org.id, '--key', made.id, '--rate-limit', value]);
    const raised = await limit('250');
    expect(raised.code).toBe(0);
    expect(raised.stdout).toMatch(new RegExp(`^${made.id} .* 250/min created .*: counted against the new limit`, 'm'));
    expect(await limitOf(made.apiKey)).toBe('250');
    expect((await limit('default')).code).toBe(0);
    expect(await limitOf(made.apiKey)).toBe('1200');
    expect((await lines())[1]).toMatch(/ 1200\/min \(default\) created /);
    // A usage error for what is not a whole number; the API's 400 for one out of range; neither changes the key.
    const fraction = await limit('1.5');
    expect([fraction.code, fraction.stderr]).toEqual([2, expect.stringMatching(/--rate-limit must be/)]);
    const tooMany = await limit('100000001');
    expect([tooMany.code, tooMany.stderr]).toEqual([1, expect.stringMatching(/400|rateLimitPerMinute/)]);
    const unknown = await runMir(['mira', 'key', 'limit', '--org', org.id, '--key', org.id, '--rate-limit', '5']);
    expect([unknown.code, unknown.stderr]).toEqual([1, expect.stringMatching(/404|not found/)]);
    expect(await limitOf(made.apiKey)).toBe('1200');
  });
});
