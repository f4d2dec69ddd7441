import { eventually } from '../helpers/temporal';
import { GOOD_CALL, POOR_CALL } from '../helpers/mira-transcripts';
import {
  createMiraOrg,
  createRep,
  expectMiraError,
  finishedMeeting,
  meetingBody,
  mira,
  submitMeeting,
} from '../helpers/mira';

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
const round1 = (n: number) => Math.round(n * 10) / 10;

describe('Mira reports, insights, team stats and roleplay', () => {
  it('team stats: exactly 003 fields, computed over the window from seeded meetings', async () => {
    const org = await createMiraOrg();
    const [ann, bob, cara] = [await createRep(org, 'Ann'), await createRep(org, 'Bob'), await createRep(org, 'Cara')];
    const seeded = [
      await submitMeeting(org, meetingBody(ann, { started_at: daysAgo(1) })),
      await submitMeeting(org, meetingBody(ann, { started_at: daysAgo(3), transcript: POOR_CALL })),
      await submitMeeting(org, meetingBody(bob, { started_at: daysAgo(10), transcript: POOR_CALL })),
      await submitMeeting(org, meetingBody(cara, { started_at: daysAgo(2), transcript: undefined })),
      await submitMeeting(org, meetingBody(bob, { started_at: daysAgo(60) })),
    ];
    const practice = await mira('POST', '/roleplay/sessions', org.key, {
      user_id: cara,
      scenario: 'Cold call',
      transcript: GOOD_CALL,
    });
    for (const id of seeded) await finishedMeeting(org, id);
    await eventually(async () =>
      (await mira('GET', `/roleplay/sessions/${practice.body.data.id}`, org.key)).body.data.status === 'completed'
        ? true
        : undefined,
    );
    const score = async (id: string) =>
      (await mira('GET', `/meetings/${id}/report`, org.key)).body.data[0].overall_score as number;
    const [a1, a2, b1, , b2] = await Promise.all(seeded.map((id, i) => (i === 3 ? Promise.resolve(0) : score(id))));

    const stats = async (range?: string) =>
      (await mira('GET', `/team/stats${range ? `?time_range=${range}` : ''}`, org.key)).body;
    const month = await stats();
    expect(Object.keys(month.data).sort()).toEqual([
      'average_score',
      'team_size',
      'time_range',
      'top_performers',
      'total_meetings',
      'total_reports',
    ]);
    expect(month).toEqual({
      data: {
        time_range: 'month',
        team_size: 3,
        total_meetings: 4,
        total_reports: 3,
        average_score: round1((a1! + a2! + b1!) / 3),
        top_performers: [
          { user_id: ann, name: 'Ann', avg_score: round1((a1! + a2!) / 2), report_count: 2 },
          { user_id: bob, name: 'Bob', avg_score: b1, report_count: 1 },
        ],
      },
      error: null,
      meta: null,
    });
    const week = (await stats('week')).data;
    expect(week).toMatchObject({
      time_range: 'week',
      total_meetings: 3,
      total_reports: 2,
      average_score: round1((a1! + a2!) / 2),
    });
    expect(week.top_performers).toEqual([
      { user_id: ann, name: 'Ann', avg_score: round1((a1! + a2!) / 2), report_count: 2 },
    ]);
    const all = (await stats('all')).data;
    expect(all).toMatchObject({
      total_meetings: 5,
      total_reports: 4,
      average_score: round1((a1! + a2! + b1! + b2!) / 4),
    });
    expect((await stats('quarter')).data.total_meetings).toBe(5);
    expectMiraError(
      await mira('GET', '/team/stats?time_range=decade', org.key),
      400,
      'validation_error',
      /^time_range: /,
    );
    const empty = await createMiraOrg();
    expect((await mira('GET', '/team/stats', empty.key)).body.data).toEqual({
      time_range: 'month',
      team_size: 0,
      total_meetings: 0,
      total_reports: 0,
      average_score: null,
      top_performers: [],
    });
  });

  it('reports: list filtered by user, dates and score range; get by id', async () => {
    const org = await createMiraOrg();
    const [ann, bob] = [await createRep(org, 'Ann'), await createRep(org, 'Bob')];
    const good = await submitMeeting(org, meetingBody(ann));
    const poor = await submitMeeting(org, meetingBody(bob, { transcript: POOR_CALL }));
    await finishedMeeting(org, good);
    await finishedMeeting(org, poor);
    const list = async (q = '') => (await mira('GET', `/reports${q}`, org.key)).body;
    const all = await list();
    expect(all.meta).toEqual({ page: 1, limit: 20, total: 2 });
    const goodReport = all.data.find((r: any) => r.meeting_id === good);
    const poorReport = all.data.find((r: any) => r.meeting_id === poor);
    expect(goodReport.overall_score).toBeGreaterThan(poorReport.overall_score);
    const ids = async (q: string) => (await list(q)).data.map((r: any) => r.id);
    expect(await ids(`?user_id=${bob}`)).toEqual([poorReport.id]);
    expect(await ids(`?min_score=${goodReport.overall_score}`)).toEqual([goodReport.id]);
    expect(await ids(`?max_score=${poorReport.overall_score}`)).toEqual([poorReport.id]);
    expect(await ids(`?min_score=0&max_score=10&limit=1&page=2`)).toHaveLength(1);
    expect(await ids(`?from=${encodeURIComponent(daysAgo(-1))}`)).toEqual([]);
    expect((await ids(`?to=${encodeURIComponent(daysAgo(-1))}&from=${encodeURIComponent(daysAgo(1))}`)).sort()).toEqual(
      [goodReport.id, poorReport.id].sort(),
    );
    expectMiraError(await mira('GET', '/reports?min_score=11', org.key), 400, 'validation_error', /^min_score: /);
    expectMiraError(
      await mira('GET', '/reports?min_score=8&max_score=2', org.key),
      400,
      'validation_error',
      /^max_score: /,
    );
    expect((await mira('GET', `/reports/${goodReport.id}`, org.key)).body.data).toEqual(goodReport);
    expect(goodReport).toMatchObject({
      strengths: expect.any(Array),
      improvements: expect.any(Array),
      next_steps: expect.any(Array),
    });
    expectMiraError(await mira('GET', '/reports/00000000-0000-4000-8000-000000000000', org.key), 404, 'not_found');
    const other = await createMiraOrg();
    expectMiraError(await mira('GET', `/reports/${goodReport.id}`, other.key), 404, 'not_found');
  });

  it('insights: extracted from completed calls with quotes, filtered by date, industry and title (partial, any case)', async () => {
    const org = await createMiraOrg();
    const rep = await createRep(org);
    const software = await submitMeeting(org, meetingBody(rep, { started_at: daysAgo(2) }));
    const health = await submitMeeting(
      org,
      meetingBody(rep, { started_at: daysAgo(20), prospect: { industry: 'Healthcare', title: 'CFO' } }),
    );
    await finishedMeeting(org, software);
    await finishedMeeting(org, health);
    const list = async (q = '') => (await mira('GET', `/insights${q}`, org.key)).body;
    const all = await list('?limit=100');
    const kinds = new Set(all.data.map((i: any) => i.type));
    expect([...kinds].sort()).toEqual(['buying_signal', 'competitor', 'feature_request', 'objection', 'pain_point']);
    const competitor = all.data.find((i: any) => i.type === 'competitor' && i.meeting_id === software);
    expect(competitor).toMatchObject({
      summary: 'Competitor named: Clari',
      quote: expect.stringContaining('We currently use Clari'),
      prospect_industry: 'Software',
      prospect_title: 'VP of Sales',
    });
    const meetingsOf = async (q: string) => [...new Set((await list(q)).data.map((i: any) => i.meeting_id))];
    expect(await meetingsOf('?industry=SOFT')).toEqual([software]);
    expect(await meetingsOf('?prospect_title=cf')).toEqual([health]);
    expect(await meetingsOf('?industry=%25')).toEqual([]);
    expect(await meetingsOf(`?date_from=${encodeURIComponent(daysAgo(5))}`)).toEqual([software]);
    expect(await meetingsOf(`?date_to=${encodeURIComponent(daysAgo(5))}`)).toEqual([health]);
    expect((await list('?limit=2')).meta).toEqual({ page: 1, limit: 2, total: all.meta.total });
    expectMiraError(await mira('GET', '/insights?date_from=soon', org.key), 400, 'validation_error', /^date_from: /);
  });

  it('roleplay: a practice conversation is scored by the same pipeline, listed by user and status', async () => {
    const org = await createMiraOrg();
    const [ann, bob] = [await createRep(org, 'Ann'), await createRep(org, 'Bob')];
    const created = await mira('POST', '/roleplay/sessions', org.key, {
      user_id: ann,
      scenario: 'Discovery with a skeptical CFO',
      call_type: 'discovery',
      transcript: GOOD_CALL,
    });
    expect(created.status).toBe(202);
    expect(created.body.data).toMatchObject({
      user_id: ann,
      status: 'pending',
      call_type: 'discovery',
      report_id: null,
    });
    const empty = await mira('POST', '/roleplay/sessions', org.key, {
      user_id: bob,
      scenario: 'Silent',
      transcript: [],
    });
    const id = created.body.data.id;
    const done = await eventually(async () => {
      const s = (await mira('GET', `/roleplay/sessions/${id}`, org.key)).body.data;
      return s.status === 'completed' ? s : undefined;
    });
    expect(done.report_id).toEqual(expect.any(String));
    const report = (await mira('GET', `/reports/${done.report_id}`, org.key)).body.data;
    expect(report).toMatchObject({ scorer: 'rubric', overall_score: done.overall_score, user_id: ann });
    await eventually(async () =>
      (await mira('GET', `/roleplay/sessions/${empty.body.data.id}`, org.key)).body.data.status === 'no_transcript'
        ? true
        : undefined,
    );
    const ids = async (q: string) =>
      (await mira('GET', `/roleplay/sessions${q}`, org.key)).body.data.map((s: any) => s.id);
    expect(await ids(`?user_id=${ann}`)).toEqual([id]);
    expect(await ids('?status=no_transcript')).toEqual([empty.body.data.id]);
    expect((await mira('GET', '/roleplay/sessions', org.key)).body.meta).toEqual({ page: 1, limit: 20, total: 2 });
    // Practice is not a meeting and carries no market insights.
    expect((await mira('GET', '/meetings', org.key)).body.meta.total).toBe(0);
    expect((await mira('GET', '/insights', org.key)).body.meta.total).toBe(0);
    expectMiraError(
      await mira('POST', '/roleplay/sessions', org.key, { user_id: ann, scenario: 'x' }),
      400,
      'validation_error',
      /^transcript: /,
    );
    expectMiraError(await mira('GET', '/roleplay/sessions?status=done', org.key), 400, 'validation_error', /^status: /);
  });
});
