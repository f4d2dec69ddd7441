import { adminHeaders, createOrg, freshLoopback, http, postFrom } from '../helpers/http';
import { verificationTokenOf } from '../helpers/linking';
import { freshDomain, importMembers, listMembers } from '../helpers/members';
import { eventually } from '../helpers/temporal';

jest.setTimeout(60_000);

const IMPOSTOR_PASSWORD = 'chosen by somebody else';
const OWNER_PASSWORD = 'the real owner now decides';

const resetToken = (email: string) =>
  eventually(async () => {
    const outbox = await http('GET', `/admin/outbox?to=${encodeURIComponent(email)}`, { headers: adminHeaders() });
    const mail = (outbox.body.messages as { subject: string; text: string }[]).find(
      (m) => m.subject === 'Set a new MIR password',
    );
    return mail ? /Token: (\S+)/.exec(mail.text)![1]! : undefined;
  });

describe('an address is verified only by whoever holds both the mailbox and the account', () => {
  it('someone else’s sign-up at your address: the mail alone verifies nothing; a reset makes it yours', async () => {
    const email = `owner@${freshDomain()}`;
    const org = await createOrg();
    expect((await importMembers(org.apiKey, { admins: [email] })).status).toBe(200);
    // An impostor signs up first, choosing the password, and logs in.
    const signup = await http('POST', '/v1/users/signup', { body: { email, password: IMPOSTOR_PASSWORD } });
    expect(signup.status).toBe(201);
    const impostor = await postFrom(freshLoopback(), '/v1/users/login', { email, password: IMPOSTOR_PASSWORD });
    expect(impostor.status).toBe(200);

    // The real owner follows the mail but does not know that password.
    const token = await verificationTokenOf(email);
    const bare = await http('POST', '/v1/users/verify-email', { body: { token } });
    expect(bare.status).toBe(401);
    expect(bare.body.error.code).toBe('invalid_credentials');
    const guessed = await http('POST', '/v1/users/verify-email', { body: { token, password: 'a guess' } });
    expect(guessed.status).toBe(401);
    const me = await http('GET', '/v1/me', { headers: { authorization: `Bearer ${impostor.body.token}` } });
    expect(me.body.emailVerified).toBe(false);
    expect((await listMembers(org.apiKey)).body.members).toHaveLength(0);

    // A password reset proves the mailbox: the owner's password, verified, the impostor's sessions gone.
    expect((await postFrom(freshLoopback(), '/v1/users/password-reset/request', { email })).status).toBe(202);
    const reset = await http('POST', '/v1/users/password-reset/confirm', {
      body: { token: await resetToken(email), password: OWNER_PASSWORD },
    });
    expect(reset.status).toBe(200);
    expect((await http('GET', '/v1/me', { headers: { authorization: `Bearer ${impostor.body.token}` } })).status).toBe(
      401,
    );
    expect((await postFrom(freshLoopback(), '/v1/users/login', { email, password: IMPOSTOR_PASSWORD })).status).toBe(
      401,
    );
    const owner = await postFrom(freshLoopback(), '/v1/users/login', { email, password: OWNER_PASSWORD });
    expect(owner.status).toBe(200);
    const ownerMe = await http('GET', '/v1/me', { headers: { authorization: `Bearer ${owner.body.token}` } });
    expect(ownerMe.body.emailVerified).toBe(true);
    // The ADMIN invite waited for a verified owner, and is claimed by them.
    const members = await eventually(async () => {
      const list = (await listMembers(org.apiKey)).body.members as { email: string; role: string }[];
      return list.length > 0 ? list : undefined;
    });
    expect(members).toEqual([expect.objectContaining({ email, role: 'ADMIN' })]);
  });

  it('the owner who knows the password verifies with it, or from a logged-in session without it', async () => {
    const email = `self@${freshDomain()}`;
    const password = 'my own good password';
    expect((await http('POST', '/v1/users/signup', { body: { email, password } })).status).toBe(201);
    const token = await verificationTokenOf(email);
    const ok = await http('POST', '/v1/users/verify-email', { body: { token, password } });
    expect(ok.status).toBe(200);
    expect(ok.body.emailVerified).toBe(true);
  });
});
