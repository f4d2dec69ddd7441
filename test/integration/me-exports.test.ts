import { randomBytes } from 'node:crypto';
import { exportDocument } from '../../src/api/schemas/exports';
import { workflowIds } from '../../src/domain/workflow-ids';
import { MirOperation, MirOrgId, MirUserId } from '../../src/workflows/search-attributes';
import { testSql } from '../helpers/db';
import { type Partner, bearer, linkByCode } from '../helpers/erasure';
import { keyHeaders, seedEvents } from '../helpers/events';
import { askExport, downloadExport, exportReaches, exportStatusOf, readyExport } from '../helpers/exports';
import { adminHeaders, createOrg, http } from '../helpers/http';
import { signupAndLogin } from '../helpers/linking';
import { eventually, useTemporalClient } from '../helpers/temporal';

jest.setTimeout(180_000);

const sql = testSql();
const temporal = useTemporalClient();
afterAll(() => sql.end());

/** Every class of character JSON has to carry, NUL aside (Postgres' jsonb refuses it). */
const ODD = [
  'quote " backslash \\ slash / tab \t newline \n',
  Array.from({ length: 31 }, (_, i) => String.fromCharCode(i + 1)).join(''),
  '\u007f\u0080\u009f latin-1 ÿ combining e\u0301 CJK 漢字 arabic مرحبا \u202e override \u202c',
  'zero-width \u200b\u200d\ufeff separators \u2028\u2029 private \ue000 noncharacter \ufffe\uffff',
  'astral 😀 \u{10ffff} family 👩‍👩‍👧 flag 🇫🇷 </script><b>&amp;',
].join(' | ');

/** A partner whose name needs escaping, with `events` events about its user and 2 about someone else. */
async function partnerOf(name: string, events: Record<string, unknown>[]): Promise<Partner & { name: string }> {
  const org = await createOrg(`${name} ${randomBytes(3).toString('hex')}`);
  const partner = { id: org.id, apiKey: org.apiKey, userId: `ext-${randomBytes(8).toString('hex')}`, webhookId: null };
  const other = `someone-else-${randomBytes(4).toString('hex')}`;
  await seedEvents(org.apiKey, [
    ...events.map((e) => ({ ...e, userId: partner.userId })),
    { type: 'review.posted', userId: other },
    { type: 'review.posted', userId: other, data: { secret: 'not yours' } },
  ]);
  return { ...partner, name: org.name };
}

/** A person linked to two partners, one of whose events carry every character class in keys and values. */
async function personWithTwoPartners() {
  const person = await signupAndLogin();
  const a = await partnerOf('Acme "Ünïcødé" \\ Partner 😀', [
    { type: 'review.posted', occurredAt: '2024-01-02T03:04:05.678Z', data: { [ODD]: ODD, nested: [ODD, { ODD }] } },
    { type: 'order.completed', occurredAt: '2024-01-01T00:00:00.000Z', data: { amount: 12.5, ok: true } },
    { type: 'order.completed', significance: 'high' },
  ]);
  const b = await partnerOf('Bravo', [{ type: 'mir.review.posted', data: { stars: 5 } }, { type: 'login.ok' }]);
  await linkByCode(a, person.token);
  await linkByCode(b, person.token);
  return { ...person, partners: [a, b] };
}

async function eventsOf(partnerUserExternalIds: string[]) {
  return sql<{ id: string; data: unknown }[]>`
    select e.id, e.data from events e join partner_users pu on pu.id = e.partner_user_id
    where pu.external_id = any(${partnerUserExternalIds})`;
}

describe('POST /v1/me/exports', () => {
  it('writes one document: the account without secrets, links, and exactly the person’s events of both partners, named', async () => {
    const person = await personWithTwoPartners();
    const [a, b] = person.partners;
    const asked = await askExport(person.token);
    expect(asked.status).toBe(202);
    expect(Object.keys(asked.body)).toEqual(['exportId']);
    expect(asked.body.exportId).toMatch(/^exp_/);
    const { exportId } = asked.body;
    const status = await exportReaches(person.token, exportId, 'READY');
    expect(Date.parse(status.expiresAt) - Date.parse(status.readyAt)).toBe(7 * 86_400_000);
    expect(status.size).toBeGreaterThan(0);

    const res = await downloadExport(person.token, exportId);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="mir-export-${exportId}.json"`);
    expect(Number(res.headers.get('content-length'))).toBe(status.size);
    expect(Buffer.byteLength(res.text)).toBe(status.size);
    const doc = exportDocument.parse(res.body);
    expect(doc).toMatchObject({ exportId, account: { id: person.id, email: person.email } });
    expect(Object.keys(doc.account).sort()).toEqual(['createdAt', 'email', 'emailVerifiedAt', 'id']);
    expect(res.text).not.toMatch(/argon2|password/i);
    expect(res.text).not.toContain(person.token);
    expect(doc.links.map((l) => [l.partner.name, l.yourIdThere])).toEqual([
      [a!.name, a!.userId],
      [b!.name, b!.userId],
    ]);

    // Exactly the person's events, none of the other users', each with its partner's name and data as sent.
    const mine = await eventsOf([a!.userId, b!.userId]);
    expect(doc.events.map((e) => e.id).sort()).toEqual(mine.map((e) => e.id).sort());
    expect(doc.events).toHaveLength(5);
    const names = Object.fromEntries([a!, b!].map((p) => [p.id, p.name]));
    for (const e of doc.events) expect(e.partner.name).toBe(names[e.partner.id]);
    const odd = doc.events.find((e) => e.type === 'review.posted' && e.partner.id === a!.id)!;
    expect(odd.data).toEqual({ [ODD]: ODD, nested: [ODD, { ODD }] });
    expect(odd.occurredAt).toBe('2024-01-02T03:04:05.678Z');
    expect(res.text).not.toContain('not yours');

    // The audit trail's entries about the person: both link confirmations, by the person.
    const confirmed = doc.audit.filter((e) => e.action === 'link.confirmed');
    expect(confirmed.map((e) => e.organization.id).sort()).toEqual([a!.id, b!.id].sort());

    // Mailed once ready; the workflow is findable by the person and operation, in no organisation.
    const mail = await eventually(async () => {
      const box = await http('GET', `/admin/outbox?to=${encodeURIComponent(person.email)}`, {
        headers: adminHeaders(),
      });
      return (box.body.messages as { subject: string; text: string }[]).find((m) => /export is ready/.test(m.subject));
    });
    expect(mail.text).toContain(`/v1/me/exports/${exportId}/download`);
    const described = await temporal.client.workflow.getHandle(workflowIds.dataExport(exportId)).describe();
    expect(described.typedSearchAttributes.get(MirUserId)).toBe(person.id);
    expect(described.typedSearchAttributes.get(MirOperation)).toBe('data-export');
    expect(described.typedSearchAttributes.get(MirOrgId)).toBe('none');

    // State changing afterwards: a new event and an unlink do not change the file made READY.
    const later = await http('POST', '/events', {
      headers: keyHeaders(a!.apiKey),
      body: { type: 'review.posted', userId: a!.userId },
    });
    expect(later.status).toBe(201);
    await http('DELETE', `/v1/me/links/${b!.id}`, { headers: bearer(person.token) });
    const again = await downloadExport(person.token, exportId);
    expect(again.text).toBe(res.text);
  });

  it('answers another person with the unknown id’s 404, and nobody without a session', async () => {
    const owner = await signupAndLogin();
    const exportId = await readyExport(owner.token);
    const stranger = await signupAndLogin();
    const unknown = await exportStatusOf(stranger.token, `exp_${randomBytes(8).toString('hex')}`);
    expect(unknown.status).toBe(404);
    for (const res of [
      await exportStatusOf(stranger.token, exportId),
      await downloadExport(stranger.token, exportId),
    ]) {
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('not_found');
      expect(res.body.error.message).toBe(unknown.body.error.message);
    }
    for (const res of [
      await http('POST', '/v1/me/exports'),
      await http('GET', `/v1/me/exports/${exportId}`),
      await http('GET', `/v1/me/exports/${exportId}/download`),
    ]) {
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('unauthorized');
    }
    expect((await sql`select 1 from data_exports where mir_user_id = ${stranger.id}`).length).toBe(0);
  });

  it('twenty requests at once answer one export (one row, one workflow); a new one once it is READY', async () => {
    const person = await signupAndLogin();
    const answers = await Promise.all(Array.from({ length: 20 }, () => askExport(person.token)));
    expect(answers.map((r) => r.status)).toEqual(answers.map(() => 202));
    const [first] = answers.map((r) => r.body.exportId as string);
    expect(answers.map((r) => r.body.exportId)).toEqual(answers.map(() => first));
    expect(await sql`select id from data_exports where mir_user_id = ${person.id}`).toEqual([{ id: first }]);
    await exportReaches(person.token, first!, 'READY');
    const next = await askExport(person.token);
    expect(next.status).toBe(202);
    expect(next.body.exportId).not.toBe(first);
    await exportReaches(person.token, next.body.exportId, 'READY');
  });

  it('refuses a sixth new export in a day with 429, creating nothing; asking while one is written is free', async () => {
    const person = await signupAndLogin();
    for (let i = 0; i < 5; i += 1) await readyExport(person.token);
    const refused = await askExport(person.token);
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('too_many_attempts');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(80_000);
    expect((await sql`select 1 from data_exports where mir_user_id = ${person.id}`).length).toBe(5);
  });
});

describe('GET /v1/me/exports/:id/download', () => {
  it('answers 410 once the export expired, before and after its file is deleted', async () => {
    const person = await signupAndLogin();
    const exportId = await readyExport(person.token);
    // Its time is up; the workflow, asleep until the 7 days end, has not deleted anything yet.
    await sql`update data_exports set expires_at = now() - interval '1 second' where id = ${exportId}`;
    const status = await exportStatusOf(person.token, exportId);
    expect(status.body).toMatchObject({ status: 'EXPIRED', size: null });
    const gone = await downloadExport(person.token, exportId);
    expect(gone.status).toBe(410);
    expect(gone.body.error.code).toBe('export_expired');
    expect((await sql`select 1 from export_chunks where export_id = ${exportId}`).length).toBeGreaterThan(0);
  });

  it('answers ids with odd bytes 400 or 404, never another export, never a 500', async () => {
    const person = await signupAndLogin();
    const exportId = await readyExport(person.token);
    const spellings = [
      exportId.toUpperCase(),
      `${exportId}%00`,
      `${exportId}%ff`,
      `${exportId}%20`,
      encodeURIComponent(`${exportId}/../${exportId}`),
      `%F0%9F%98%80`,
      `${exportId}'--`,
      'x'.repeat(65),
      `${exportId}%2f`,
      `%2e%2e%2f${exportId}`,
    ];
    for (const id of spellings) {
      for (const path of [`/v1/me/exports/${id}`, `/v1/me/exports/${id}/download`]) {
        const res = await http('GET', path, { headers: bearer(person.token) });
        expect([path, [400, 404].includes(res.status)]).toEqual([path, true]);
        expect(res.body.error.code).toMatch(/^(validation_failed|not_found|invalid_request)$/);
      }
    }
  });
});
