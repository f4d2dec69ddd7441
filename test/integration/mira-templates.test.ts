import {
  createMiraOrg,
  createRep,
  expectMiraError,
  finishedMeeting,
  meetingBody,
  mira,
  submitMeeting,
} from '../helpers/mira';

const criteria = [
  { name: 'Rapport Building', weight: 25, description: 'Warm opening' },
  { name: 'Needs Discovery', weight: 35, description: 'Open questions' },
  { name: 'Next Steps', weight: 20 },
  { name: 'Active Listening', weight: 20 },
];
const template = (extra: Record<string, unknown> = {}) => ({
  name: `Discovery ${Math.random().toString(36).slice(2)}`,
  prompt_template: 'Evaluate the sales rep...',
  grading_criteria: criteria,
  coaching_tone: 'encouraging',
  call_type: 'discovery',
  ...extra,
});

describe('Mira templates', () => {
  it('creates, reads, lists with filters, updates (PATCH and PUT) and deletes a template', async () => {
    const org = await createMiraOrg();
    const created = await mira(
      'POST',
      '/templates',
      org.key,
      template({ name: 'Discovery Call Scoring', industry_context: 'SaaS' }),
    );
    expect(created.status).toBe(201);
    const t = created.body.data;
    expect(t).toMatchObject({
      name: 'Discovery Call Scoring',
      grading_criteria: criteria,
      coaching_tone: 'encouraging',
      call_type: 'discovery',
      industry_context: 'SaaS',
      description: null,
      is_active: true,
    });
    const defaults = await mira('POST', '/templates', org.key, {
      name: 'Plain',
      prompt_template: 'p',
      grading_criteria: [{ name: 'All', weight: 100 }],
    });
    expect(defaults.body.data).toMatchObject({ coaching_tone: 'encouraging', call_type: 'general' });
    expect((await mira('GET', `/templates/${t.id}`, org.key)).body.data).toEqual(t);

    const patched = await mira('PATCH', `/templates/${t.id}`, org.key, { coaching_tone: 'direct', is_active: false });
    expect(patched.body.data).toMatchObject({
      coaching_tone: 'direct',
      is_active: false,
      name: 'Discovery Call Scoring',
    });
    const put = await mira('PUT', `/templates/${t.id}`, org.key, { description: 'Now described' });
    expect(put.body.data).toMatchObject({ description: 'Now described', coaching_tone: 'direct' });

    const ids = async (q: string) => (await mira('GET', `/templates?${q}`, org.key)).body.data.map((x: any) => x.id);
    expect(await ids('is_active=false')).toEqual([t.id]);
    expect(await ids('is_active=true')).toEqual([defaults.body.data.id]);
    expect(await ids('call_type=discovery')).toEqual([t.id]);
    expectMiraError(await mira('GET', '/templates?is_active=yes', org.key), 400, 'validation_error', /^is_active: /);

    const deleted = await mira('DELETE', `/templates/${t.id}`, org.key);
    expect(deleted.body.data).toEqual({ id: t.id, deleted: true, is_active: false });
    expectMiraError(await mira('GET', `/templates/${t.id}`, org.key), 404, 'not_found');
    expectMiraError(await mira('DELETE', `/templates/${t.id}`, org.key), 404, 'not_found');
    expectMiraError(await mira('PATCH', `/templates/${t.id}`, org.key, { name: 'x' }), 404, 'not_found');
  });

  it('refuses invalid templates with 400 naming the field, storing nothing', async () => {
    const org = await createMiraOrg();
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [
        {
          grading_criteria: [
            { name: 'A', weight: 50 },
            { name: 'B', weight: 40 },
          ],
        },
        /^grading_criteria: weights must sum to 100 \(they sum to 90\)/,
      ],
      [
        {
          grading_criteria: [
            { name: 'A', weight: 50 },
            { name: 'a', weight: 50 },
          ],
        },
        /^grading_criteria\.1\.name: duplicate criterion name/,
      ],
      [{ grading_criteria: [] }, /^grading_criteria: needs at least 1/],
      [
        { grading_criteria: Array.from({ length: 21 }, (_, i) => ({ name: `C${i}`, weight: 100 / 21 })) },
        /^grading_criteria: takes at most 20/,
      ],
      [
        {
          grading_criteria: [
            { name: 'A', weight: 110 },
            { name: 'B', weight: -10 },
          ],
        },
        /^grading_criteria\.\d\.weight: /,
      ],
      [{ grading_criteria: [{ name: 'A', weight: 100, extra: 1 }] }, /^grading_criteria\.0/],
      [{ coaching_tone: 'harsh' }, /^coaching_tone: /],
      [{ call_type: 'webinar' }, /^call_type: /],
      [{ name: undefined }, /^name: /],
      [{ prompt_template: '' }, /^prompt_template: /],
    ];
    for (const [patch, message] of cases) {
      expectMiraError(await mira('POST', '/templates', org.key, template(patch)), 400, 'validation_error', message);
    }
    const ok = await mira(
      'POST',
      '/templates',
      org.key,
      template({
        grading_criteria: [
          { name: 'A', weight: 33.3 },
          { name: 'B', weight: 66.7 },
        ],
      }),
    );
    expect(ok.status).toBe(201);
    expectMiraError(
      await mira('PATCH', `/templates/${ok.body.data.id}`, org.key, {}),
      400,
      'validation_error',
      /at least one field/,
    );
    expectMiraError(
      await mira('PATCH', `/templates/${ok.body.data.id}`, org.key, { grading_criteria: [{ name: 'A', weight: 1 }] }),
      400,
      'validation_error',
      /^grading_criteria: weights must sum to 100/,
    );
    expect((await mira('GET', '/templates', org.key)).body.meta.total).toBe(1);
  });

  it('keeps names unique per organisation: of 30 concurrent creations with one name exactly one succeeds', async () => {
    const org = await createMiraOrg();
    const results = await Promise.all(
      Array.from({ length: 30 }, () => mira('POST', '/templates', org.key, template({ name: 'Same Name' }))),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    for (const r of results.filter((x) => x.status !== 201)) expectMiraError(r, 409, 'conflict', /^name: /);
    expect((await mira('GET', '/templates', org.key)).body.meta.total).toBe(1);
    expectMiraError(await mira('POST', '/templates', org.key, template({ name: 'same name' })), 409, 'conflict');
    const other = await mira('POST', '/templates', org.key, template({ name: 'Other' }));
    expectMiraError(
      await mira('PATCH', `/templates/${other.body.data.id}`, org.key, { name: 'SAME NAME' }),
      409,
      'conflict',
    );
    const elsewhere = await createMiraOrg();
    expect((await mira('POST', '/templates', elsewhere.key, template({ name: 'Same Name' }))).status).toBe(201);
  });

  it('scores with the active template for the call type, else the general one; deleting a used one frees its name', async () => {
    const org = await createMiraOrg();
    const rep = await createRep(org);
    const general = (
      await mira(
        'POST',
        '/templates',
        org.key,
        template({ name: 'General', call_type: 'general', grading_criteria: [{ name: 'Overall', weight: 100 }] }),
      )
    ).body.data;
    const discovery = (await mira('POST', '/templates', org.key, template({ name: 'Discovery' }))).body.data;
    const reportOf = async (meetingId: string) => {
      await finishedMeeting(org, meetingId);
      return (await mira('GET', `/meetings/${meetingId}/report`, org.key)).body.data[0];
    };
    const onDiscovery = await reportOf(await submitMeeting(org, meetingBody(rep)));
    expect(onDiscovery.template).toEqual({ id: discovery.id, name: 'Discovery' });
    expect(onDiscovery.criteria_scores.map((c: any) => c.name)).toEqual(criteria.map((c) => c.name));
    const onDemo = await reportOf(await submitMeeting(org, meetingBody(rep, { call_type: 'demo' })));
    expect(onDemo.template).toEqual({ id: general.id, name: 'General' });

    // Deleting a template reports used deletes it (issue 35: it used to be kept, its name taken).
    const deleted = await mira('DELETE', `/templates/${discovery.id}`, org.key);
    expect(deleted.body).toEqual({
      data: { id: discovery.id, deleted: true, is_active: false },
      error: null,
      meta: null,
    });
    expectMiraError(await mira('GET', `/templates/${discovery.id}`, org.key), 404, 'not_found');
    expectMiraError(await mira('DELETE', `/templates/${discovery.id}`, org.key), 404, 'not_found');
    // Its name is free at once; the old report keeps the name it was scored with, without the link.
    const again = await mira('POST', '/templates', org.key, template({ name: 'Discovery' }));
    expect(again.status).toBe(201);
    expect(again.body.data.id).not.toBe(discovery.id);
    const old = (await mira('GET', `/reports/${onDiscovery.id}`, org.key)).body.data;
    expect(old.template).toEqual({ id: null, name: 'Discovery' });
    expect(old.criteria_scores.map((c: any) => c.name)).toEqual(criteria.map((c) => c.name));
    // The next discovery call is scored with the new template of that name.
    const after = await reportOf(await submitMeeting(org, meetingBody(rep)));
    expect(after.template).toEqual({ id: again.body.data.id, name: 'Discovery' });

    // Of concurrent deletes of an unused template exactly one deletes it; the rest find nothing.
    const unused = (await mira('POST', '/templates', org.key, template({ name: 'Unused' }))).body.data;
    const races = await Promise.all(
      Array.from({ length: 20 }, () => mira('DELETE', `/templates/${unused.id}`, org.key)),
    );
    expect(races.filter((r) => r.status === 200).map((r) => r.body.data.deleted)).toEqual([true]);
    for (const r of races.filter((x) => x.status !== 200)) expectMiraError(r, 404, 'not_found');
  });
});
