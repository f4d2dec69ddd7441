import { type ApiProcess, startApiProcess } from '../helpers/api-process';
import { createOrg, http } from '../helpers/http';
import { PASSWORD, freshDomain, importMembers, listInvites, listMembers, signUp } from '../helpers/members';
import { freePort } from '../helpers/ports';
import { eventually } from '../helpers/temporal';

jest.setTimeout(180_000);

/**
 * A verification is committed before its auto-link workflow starts. Here the verifying API cannot
 * reach Temporal at all (its address is a closed port): the person must still be verified, and
 * their invites must be claimed once they log in through an API that can.
 */
let cutOff: ApiProcess;

beforeAll(async () => {
  cutOff = await startApiProcess({ TEMPORAL_ADDRESS: `127.0.0.1:${await freePort()}` }, 120_000, '/health');
});

afterAll(async () => {
  if (cutOff) expect(await cutOff.stop()).toBe(0);
});

describe('member auto-link when Temporal was unreachable at verification', () => {
  it('verification still succeeds, and the next login claims the invites', async () => {
    const d = freshDomain();
    const email = `dana@${d}`;
    const org = await createOrg();
    expect((await importMembers(org.apiKey, { analysts: [email] })).status).toBe(200);

    const person = await signUp(email, cutOff.url);
    const ready = await http('GET', '/ready', { baseUrl: cutOff.url });
    expect(ready.status).toBe(503);
    const verified = await http('POST', '/v1/users/verify-email', {
      baseUrl: cutOff.url,
      body: { token: person.token, password: PASSWORD },
    });
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ id: person.id, emailVerified: true });
    const pending = await listInvites(org.apiKey, '?status=PENDING');
    expect(pending.body.invites.map((i: { email: string }) => i.email)).toEqual([email]);

    const login = await http('POST', '/v1/users/login', { body: { email, password: PASSWORD } });
    expect(login.status).toBe(200);
    await eventually(async () =>
      (await listInvites(org.apiKey, '?status=CLAIMED')).body.invites.length ? 1 : undefined,
    );
    const members = (await listMembers(org.apiKey)).body.members as { email: string; role: string }[];
    expect(members.map((m) => `${m.email}:${m.role}`)).toEqual([`${email}:ANALYST`]);
    expect((await listInvites(org.apiKey, '?status=PENDING')).body.invites).toEqual([]);
  });

  it('a login with nothing left to claim changes nothing', async () => {
    const d = freshDomain();
    const email = `erin@${d}`;
    const org = await createOrg();
    const person = await signUp(email);
    await person.verify();
    expect((await importMembers(org.apiKey, { members: [email] })).status).toBe(200);
    const before = (await listMembers(org.apiKey)).body.members;
    expect(before).toHaveLength(1);
    expect((await http('POST', '/v1/users/login', { body: { email, password: PASSWORD } })).status).toBe(200);
    expect((await listMembers(org.apiKey)).body.members).toEqual(before);
  });
});
