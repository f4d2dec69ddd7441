import { GOOD_CALL, POOR_CALL } from '../../../test/helpers/mira-transcripts';
import { type Flow, answered, keyed, note } from './context';

const TRANSCRIPTS = {
  'inline-good': 4,
  'inline-poor': 2,
  'url-good': 2,
  'url-flaky': 1,
  'url-slow': 1,
  'url-missing': 1,
};

/** A Mira meeting, with its transcript inline or at a URL of the transcript server (some fail). */
export async function miraMeeting(flow: Flow): Promise<void> {
  const { mira } = flow.ctx;
  const kind = flow.rng.weighted(TRANSCRIPTS);
  const transcript =
    kind === 'inline-good'
      ? { transcript: GOOD_CALL }
      : kind === 'inline-poor'
        ? { transcript: POOR_CALL }
        : { transcript_url: flow.ctx.transcriptUrl(`/${kind.slice(4)}/${flow.id}.json`) };
  const res = await answered(flow, {
    op: 'meeting',
    method: 'POST',
    path: '/api/v1/meetings',
    headers: { authorization: `Bearer ${mira.key}` },
    json: {
      title: `Call ${flow.id}`,
      user_id: flow.rng.pick(mira.reps),
      started_at: new Date().toISOString(),
      call_type: 'discovery',
      prospect: { name: 'Dana', title: 'VP of Sales', company: 'Acme', industry: 'Software' },
      ...transcript,
    },
    sent: { kind },
  });
  if (res.status === 202) note(flow, 'meeting', { id: res.body.data.id, kind });
}

/** The endpoint's signing secret rotated (the old one keeps signing for 24 h), or a test event sent. */
export async function webhookChange(flow: Flow): Promise<void> {
  const org = flow.rng.pick(flow.ctx.orgs);
  if (flow.rng.chance(0.5)) {
    await answered(flow, {
      op: 'webhook-test',
      method: 'POST',
      path: `/v1/webhooks/${org.endpointId}/test`,
      headers: keyed(org.ownerKey, `wt-${flow.id}`),
      sent: { org: org.id },
    });
    return;
  }
  const res = await answered(flow, {
    op: 'webhook-rotate',
    method: 'POST',
    path: `/v1/webhooks/${org.endpointId}/secret/rotate`,
    headers: keyed(org.ownerKey, `wr-${flow.id}`),
    sent: { org: org.id },
  });
  if (res.status === 200 && res.body.secret) flow.ctx.webhookSecrets.get(org.endpointId)?.push(res.body.secret);
  note(flow, 'webhook-rotated', { endpointId: org.endpointId, status: res.status, known: Boolean(res.body?.secret) });
}
