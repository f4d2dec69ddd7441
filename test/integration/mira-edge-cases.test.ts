import {
  createMiraOrg,
  createRep,
  expectMiraError,
  finishedMeeting,
  meetingBody,
  mira,
  submitMeeting,
} from '../helpers/mira';
import { GOOD_CALL } from '../helpers/mira-transcripts';
import { eventually } from '../helpers/temporal';

jest.setTimeout(120_000);

/** Issue 35 point 6: where roleplay reports lead, date-only upper bounds, and ranges that end before they start. */
const dateOf = (iso: string) => iso.slice(0, 10);
const dayBefore = (date: string) => new Date(Date.parse(date) - 86_400_000).toISOString().slice(0, 10);
const dayAfter = (date: string) => new Date(Date.parse(date) + 86_400_000).toISOString().slice(0, 10);
const ids = (res: { body: { data: Array<{ id: string }> } }) => res.body.data.map((x) => x.id);

describe('Mira edge cases', () => {
  it('a roleplay report names its session, which GET /roleplay/sessions/{id} serves; a call report names none', async () => {
    const org = await createMiraOrg();
    const rep = await createRep(org);
    const created = await mira('POST', '/roleplay/sessions', org.key, {
      user_id: rep,
      scenario: 'Cold call',
      transcript: GOOD_CALL,
    });
    expect(created.status).toBe(202);
    const session = await eventually(async () => {
      const s = (await mira('GET', `/roleplay/sessions/${created.body.data.id}`, org.key)).body.data;
      return s.status === 'completed' ? s : undefined;
    }, 30_000);
    const report = (await mira('GET', `/reports/${session.report_id}`, org.key)).body.data;
    expect(report.roleplay_session_id).toBe(session.id);
    const source = await mira('GET', `/roleplay/sessions/${report.roleplay_session_id}`, org.key);
    expect(source.status).toBe(200);
    expect(source.body.data).toMatchObject({ id: session.id, report_id: report.id, user_id: rep });
    const listed = (await mira('GET', `/reports?user_id=${rep}`, org.key)).body.data;
    expect(listed.map((r: any) => [r.id, r.roleplay_session_id])).toEqual([[report.id, session.id]]);

    const meetingId = await submitMeeting(org, meetingBody(rep));
    await finishedMeeting(org, meetingId);
    const call = (await mira('GET', `/meetings/${meetingId}/report`, org.key)).body.data[0];
    expect(call).toMatchObject({ meeting_id: meetingId, roleplay_session_id: null });
    expect((await mira('GET', `/meetings/${call.meeting_id}`, org.key)).status).toBe(200);
  });

  it('a date-only to / date_to covers that whole UTC day, for meetings, reports and insights', async () => {
    const org = await createMiraOrg();
    const rep = await createRep(org);
    // Late on a day three days ago: a bound at that date's midnight would leave it out.
    const day = dateOf(new Date(Date.now() - 3 * 86_400_000).toISOString());
    const late = await submitMeeting(org, meetingBody(rep, { started_at: `${day}T23:59:30.500Z` }));
    await finishedMeeting(org, late);
    const report = (await mira('GET', `/meetings/${late}/report`, org.key)).body.data[0];
    const reportDay = dateOf(report.created_at);

    expect(ids(await mira('GET', `/meetings?to=${day}`, org.key))).toEqual([late]);
    expect(ids(await mira('GET', `/meetings?from=${day}&to=${day}`, org.key))).toEqual([late]);
    expect(ids(await mira('GET', `/meetings?to=${dayBefore(day)}`, org.key))).toEqual([]);
    // A date-time bound is the instant itself, as before.
    expect(ids(await mira('GET', `/meetings?to=${day}T23:59:30.000Z`, org.key))).toEqual([]);
    expect(ids(await mira('GET', `/meetings?to=${day}T23:59:30.500Z`, org.key))).toEqual([late]);

    // The report was created today: to=<today> includes it.
    expect(ids(await mira('GET', `/reports?to=${reportDay}`, org.key))).toEqual([report.id]);
    expect(ids(await mira('GET', `/reports?from=${reportDay}&to=${reportDay}`, org.key))).toEqual([report.id]);
    expect(ids(await mira('GET', `/reports?to=${dayBefore(reportDay)}`, org.key))).toEqual([]);

    const insights = await mira('GET', `/insights?date_to=${day}`, org.key);
    expect(insights.body.meta.total).toBeGreaterThan(0);
    expect(new Set(insights.body.data.map((i: any) => i.meeting_id))).toEqual(new Set([late]));
    const sameDay = await mira('GET', `/insights?date_from=${day}&date_to=${day}`, org.key);
    expect(sameDay.body.meta.total).toBe(insights.body.meta.total);
    expect((await mira('GET', `/insights?date_to=${dayBefore(day)}`, org.key)).body.meta.total).toBe(0);
  });

  it('from after to answers 400 validation_error naming the upper bound, as min_score > max_score does', async () => {
    const org = await createMiraOrg();
    const day = '2026-12-05';
    const cases: Array<[string, RegExp]> = [
      [`/meetings?from=${dayAfter(day)}&to=${day}`, /^to: /],
      [`/meetings?from=2026-12-05T10:00:00Z&to=2026-12-05T09:00:00Z`, /^to: /],
      [`/reports?from=${dayAfter(day)}&to=${day}`, /^to: /],
      [`/insights?date_from=${dayAfter(day)}&date_to=${day}`, /^date_to: /],
      ['/reports?min_score=8&max_score=2', /^max_score: /],
    ];
    for (const [path, message] of cases)
      expectMiraError(await mira('GET', path, org.key), 400, 'validation_error', message);
    // Equal bounds, and a day's own start with that day as the end, are ranges, not errors.
    for (const path of [
      `/meetings?from=${day}&to=${day}`,
      `/meetings?from=${day}T23:00:00Z&to=${day}`,
      `/reports?from=2026-12-05T10:00:00Z&to=2026-12-05T10:00:00Z`,
      `/insights?date_from=${day}&date_to=${day}`,
    ])
      expect((await mira('GET', path, org.key)).status).toBe(200);
  });
});
