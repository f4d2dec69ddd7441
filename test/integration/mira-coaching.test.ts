import { GOOD_CALL } from '../helpers/mira-transcripts';
import {
  createMiraKey,
  createMiraOrg,
  createRep,
  expectMiraError,
  finishedMeeting,
  meetingBody,
  mira,
  submitMeeting,
  type MiraOrg,
} from '../helpers/mira';

/** The good call with the rep's and the prospect's lines relabelled. */
const labelled = (rep: string, prospect: string) =>
  GOOD_CALL.map((s) => ({ ...s, speaker: s.speaker === 'rep' ? rep : prospect }));

async function reportOf(org: MiraOrg, body: Record<string, unknown>) {
  const id = await submitMeeting(org, body);
  expect(await finishedMeeting(org, id)).toMatchObject({ status: 'completed' });
  return (await mira('GET', `/meetings/${id}/report`, org.key)).body.data[0];
}

describe('Mira: who spoke', () => {
  let org: MiraOrg;
  let rep: string;
  beforeAll(async () => {
    org = await createMiraOrg();
    rep = await createRep(org, 'Alex Morgan');
  });

  it("finds the rep by the meeting's speakers, by the rep's name or by a role label, and says so when it cannot", async () => {
    const created = await mira('POST', '/meetings', org.key, {
      ...meetingBody(rep, { transcript: labelled('Jordan', 'Dana') }),
      speakers: { jordan: 'rep', Dana: 'prospect' },
    });
    expect(created.status).toBe(202);
    expect(created.body.data.speakers).toEqual({ jordan: 'rep', Dana: 'prospect' });
    const [explicit, byName, byLabel, unknown] = await Promise.all([
      reportOf(org, { ...meetingBody(rep, { transcript: labelled('Jordan', 'Dana') }), speakers: { Jordan: 'rep' } }),
      reportOf(org, meetingBody(rep, { transcript: labelled('Alex', 'Dana') })),
      reportOf(org, meetingBody(rep, { transcript: labelled('Sales Rep', 'Customer') })),
      reportOf(org, meetingBody(rep, { transcript: labelled('Speaker 1', 'Speaker 2') })),
    ]);
    for (const [report, label, how] of [
      [explicit, 'Jordan', 'explicit'],
      [byName, 'Alex', 'name'],
      [byLabel, 'Sales Rep', 'label'],
    ] as const) {
      expect(report.metrics).toMatchObject({ rep_identified: true, speakers: { rep: [label], rep_found_by: how } });
      expect(report.overall_score).toBe(explicit.overall_score);
      expect(report.overall_score).toBeGreaterThanOrEqual(7);
    }
    expect(unknown.metrics).toMatchObject({ rep_identified: false, speakers: { rep: [], rep_found_by: 'none' } });
    expect(unknown.summary).toMatch(/could not tell which speaker is the rep/);
    expect(JSON.stringify(unknown)).not.toMatch(/spoke 0%/);
  });

  it('refuses speakers it cannot use with 400 naming the field, storing nothing', async () => {
    const before = (await mira('GET', '/meetings', org.key)).body.meta.total;
    for (const speakers of [
      { Alex: 'manager' },
      { Dana: 'prospect' },
      {},
      ['Alex'],
      'Alex',
      { 'Al\u0007ex': 'rep' },
      { ['x'.repeat(201)]: 'rep' },
      Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`S${i}`, i ? 'prospect' : 'rep'])),
    ]) {
      const res = await mira('POST', '/meetings', org.key, { ...meetingBody(rep), speakers });
      expectMiraError(res, 400, 'validation_error', /^speakers/);
    }
    expect((await mira('GET', '/meetings', org.key)).body.meta.total).toBe(before);
  });
});

describe('Mira: tracked competitors and products', () => {
  it('starts empty, is replaced by PUT (write keys only), and belongs to one organisation', async () => {
    const org = await createMiraOrg();
    const other = await createMiraOrg();
    const readOnly = await createMiraKey(org.id, true);
    const empty = await mira('GET', '/settings/trackers', org.key);
    expect(empty.status).toBe(200);
    expect(empty.body).toEqual({ data: { competitors: [], products: [], updated_at: null }, error: null, meta: null });
    const body = { competitors: ['Gong', 'Chorus'], products: ['Mira Coach'] };
    expectMiraError(await mira('PUT', '/settings/trackers', readOnly, body), 403, 'forbidden');
    const put = await mira('PUT', '/settings/trackers', org.key, body);
    expect(put.status).toBe(200);
    expect(put.body.data).toEqual({ ...body, updated_at: expect.any(String) });
    expect((await mira('GET', '/settings/trackers', readOnly)).body.data).toEqual(put.body.data);
    expect((await mira('GET', '/settings/trackers', other.key)).body.data.competitors).toEqual([]);
    expectMiraError(await mira('GET', '/settings/trackers', null), 401, 'unauthorized');
  });

  it('refuses lists it cannot use with 400, changing nothing', async () => {
    const org = await createMiraOrg();
    const body = { competitors: ['Gong'], products: [] };
    await mira('PUT', '/settings/trackers', org.key, body);
    for (const bad of [
      { competitors: ['Gong', 'gong'], products: [] },
      { competitors: ['Go\u0007ng'], products: [] },
      { competitors: ['---'], products: [] },
      { competitors: ['x'.repeat(101)], products: [] },
      { competitors: Array.from({ length: 201 }, (_, i) => `C${i}`), products: [] },
      { competitors: 'Gong', products: [] },
      { competitors: ['Gong'] },
      { competitors: ['Gong'], products: [], extra: true },
    ]) {
      const res = await mira('PUT', '/settings/trackers', org.key, bad);
      expectMiraError(res, 400, 'validation_error', /^(competitors|products|body)/);
    }
    expect((await mira('GET', '/settings/trackers', org.key)).body.data).toMatchObject(body);
  });

  it('keeps one of two PUTs sent at once, whole', async () => {
    const org = await createMiraOrg();
    const a = { competitors: ['Gong', 'Chorus'], products: ['A'] };
    const b = { competitors: ['Clari'], products: ['B', 'C'] };
    const results = await Promise.all([a, b, a, b].map((body) => mira('PUT', '/settings/trackers', org.key, body)));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    const { competitors, products } = (await mira('GET', '/settings/trackers', org.key)).body.data;
    expect([a, b]).toContainEqual({ competitors, products });
  });

  it('reports a tracked competitor said in any case, never the own product, and follows a later change', async () => {
    const org = await createMiraOrg();
    const rep = await createRep(org);
    await mira('PUT', '/settings/trackers', org.key, { competitors: ['Chorus'], products: ['Acme Forecast'] });
    const transcript = [
      { speaker: 'rep', text: 'What are you using for call recording today?', start_ms: 0 },
      {
        speaker: 'prospect',
        text: 'we have chorus on a few teams. We use Acme Forecast for the numbers.',
        start_ms: 5000,
      },
      { speaker: 'rep', text: 'Got it, thanks.', start_ms: 9000 },
    ];
    const first = await submitMeeting(org, meetingBody(rep, { transcript }));
    await finishedMeeting(org, first);
    const competitors = async (id: string) =>
      (await mira('GET', '/insights?limit=100', org.key)).body.data
        .filter((i: any) => i.meeting_id === id && i.type === 'competitor')
        .map((i: any) => i.summary);
    expect(await competitors(first)).toEqual(['Competitor named: Chorus']);
    await mira('PUT', '/settings/trackers', org.key, { competitors: [], products: ['Acme Forecast'] });
    const second = await submitMeeting(org, meetingBody(rep, { transcript }));
    await finishedMeeting(org, second);
    expect(await competitors(second)).toEqual([]);
  });
});
