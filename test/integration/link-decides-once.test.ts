import { workflowIds } from '../../src/domain/workflow-ids';
import type { linkInviteWorkflow } from '../../src/workflows/link-request';
import { testSql } from '../helpers/db';
import { keyHeaders, uniqueUserId } from '../helpers/events';
import { createOrg, http } from '../helpers/http';
import { confirmInvite, declineInvite, invite, signupAndLogin } from '../helpers/linking';
import { useTemporalClient } from '../helpers/temporal';

jest.setTimeout(120_000);
const sql = testSql();
const temporal = useTemporalClient();
afterAll(() => sql.end());

/** What one update told the person: its answer, or that it was refused. */
const settle = <T>(p: Promise<T>) =>
  p.then(
    (value) => ({ answered: true as const, value }),
    () => ({ answered: false as const, value: null }),
  );

async function finalState(inviteId: string) {
  const result = await temporal.client.workflow
    .getHandle<typeof linkInviteWorkflow>(workflowIds.linkRequest({ kind: 'invite', id: inviteId }))
    .result();
  const [row] = await sql`select status from link_requests where id = ${inviteId}`;
  const [links] = await sql`select count(*)::int as n from partner_links pl
    join link_requests lr on lr.partner_user_id = pl.partner_user_id where lr.id = ${inviteId}`;
  return { result, db: row!.status as string, links: links!.n as number };
}

describe('the link workflow decides once', () => {
  it('concurrent confirm and decline, 12 times: one outcome, the same in the result, Postgres and each answer', async () => {
    const org = await createOrg();
    const outcomes = await Promise.all(
      Array.from({ length: 12 }, async () => {
        const person = await signupAndLogin();
        const { inviteId } = await invite(org.apiKey, uniqueUserId('race'));
        const [confirm, decline] = await Promise.all([
          settle(confirmInvite(temporal.client, inviteId, person.id)),
          settle(declineInvite(temporal.client, inviteId)),
        ]);
        return { confirm, decline, ...(await finalState(inviteId)) };
      }),
    );
    for (const o of outcomes) {
      expect(o.result).toBe(o.db);
      const confirmed = o.confirm.answered && (o.confirm.value as { ok: boolean }).ok;
      expect(o.db).toBe(confirmed ? 'CONFIRMED' : 'DECLINED');
      expect(o.links).toBe(confirmed ? 1 : 0);
      // The decliner is told the truth: either refused, or the status Postgres holds.
      if (o.decline.answered) expect(o.decline.value).toBe(o.db);
      expect(o.confirm.answered || o.decline.answered).toBe(true);
    }
  });

  it('a confirmation at the expiry instant: either linked or expired, never both, the same everywhere', async () => {
    const org = await createOrg();
    await http('PATCH', '/portal/api/settings', { headers: keyHeaders(org.apiKey), body: { linkInviteTtlSeconds: 5 } });
    const outcomes = await Promise.all(
      Array.from({ length: 6 }, async (_, i) => {
        const person = await signupAndLogin();
        const created = await invite(org.apiKey, uniqueUserId('expiry'));
        const at = Date.parse(created.expiresAt) + (i - 3) * 40;
        await new Promise((r) => setTimeout(r, Math.max(0, at - Date.now())));
        const confirm = await settle(confirmInvite(temporal.client, created.inviteId, person.id));
        return { confirm, ...(await finalState(created.inviteId)) };
      }),
    );
    for (const o of outcomes) {
      expect(o.result).toBe(o.db);
      expect(['CONFIRMED', 'EXPIRED']).toContain(o.db);
      const confirmed = o.confirm.answered && (o.confirm.value as { ok: boolean }).ok;
      expect(o.db === 'CONFIRMED').toBe(confirmed);
      expect(o.links).toBe(confirmed ? 1 : 0);
    }
  });
});
