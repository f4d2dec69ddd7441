import { randomUUID } from 'node:crypto';
import { type ApiProcess, startApiProcess } from '../helpers/api-process';
import { keyHeaders } from '../helpers/events';
import { createOrg, http } from '../helpers/http';
import { createMiraOrg, createRep, finishedMeeting, meetingBody, submitMeeting } from '../helpers/mira';
import { type NpmProcess, terminate } from '../helpers/npm-process';
import { eventually } from '../helpers/temporal';
import { startWorkerOn } from '../helpers/worker-process';

jest.setTimeout(240_000);

/**
 * What a production worker refuses to reach (a webhook whose name now resolves inside the network,
 * a meeting's transcript_url) reads `target_not_allowed` wherever a partner looks: the attempt's
 * error, the meeting's failure_reason. What the name resolved to is in the worker's log only.
 * The API here lets 127.0.0.0/8 through and the worker does not: a name that resolved outside at
 * registration and inside at delivery.
 */
const queue = `refusals-${randomUUID()}`;
let worker: NpmProcess;
let api: ApiProcess;
beforeAll(async () => {
  [worker, api] = await Promise.all([
    startWorkerOn(queue, { NODE_ENV: 'production' }),
    startApiProcess({ NODE_ENV: 'production', TEMPORAL_TASK_QUEUE: queue, MIR_WEBHOOK_ALLOWED_CIDRS: '127.0.0.0/8' }),
  ]);
});
afterAll(async () => {
  await Promise.all([worker && terminate(worker), api?.stop()]);
});

/** The worker's log line for a refusal whose detail matches. */
const workerLogged = (detail: RegExp) =>
  eventually(async () => {
    const lines = worker.output().split('\n');
    return lines.find((l) => l.includes('refused: ') && detail.test(l));
  }, 30_000);

describe('refusals a production worker makes', () => {
  it("records a webhook attempt's refusal as target_not_allowed, and logs where the name pointed", async () => {
    const org = await createOrg();
    const call = (method: string, path: string, body?: unknown) =>
      http(method, path, { baseUrl: api.url, headers: keyHeaders(org.apiKey), body });
    const hook = await call('POST', '/v1/webhooks', { url: 'https://127.0.0.1:9/hook', eventTypes: ['*'] });
    expect(hook.status).toBe(201);
    const sent = await call('POST', `/v1/webhooks/${hook.body.id}/test`);
    expect(sent.status).toBe(202);
    const attempt = await eventually(async () => {
      const res = await call('GET', `/v1/webhooks/${hook.body.id}/deliveries`);
      return res.body.deliveries?.[0]?.attempts?.[0];
    }, 60_000);
    expect(attempt).toMatchObject({ succeeded: false, httpStatus: null, error: 'target_not_allowed' });
    expect(
      await workerLogged(/webhook whk_\w+ refused: 127\.0\.0\.1 resolves to 127\.0\.0\.1 is in a private/),
    ).toBeTruthy();
  });

  it('fails meetings whose transcript_url is refused with one failure_reason, whatever the cause', async () => {
    const org = await createMiraOrg(undefined, api.url);
    const rep = await createRep(org, 'Ann', api.url);
    const refused: Array<[string, RegExp]> = [
      ['https://localhost/t.json', /transcript_url refused: localhost resolves to/],
      ['https://no-such-host.invalid/t.json', /transcript_url refused: no-such-host\.invalid does not resolve/],
      ['https://[::ffff:0:127.0.0.1]/t.json', /transcript_url refused: ::ffff:0:7f00:1 .*carries 127\.0\.0\.1/],
    ];
    const ids = await Promise.all(
      refused.map(([url]) =>
        submitMeeting(org, meetingBody(rep, { transcript: undefined, transcript_url: url }), api.url),
      ),
    );
    for (const [i, [url, detail]] of refused.entries()) {
      const meeting = await finishedMeeting(org, ids[i]!, 60_000, api.url);
      expect([url, meeting.status, meeting.failure_reason]).toEqual([
        url,
        'failed',
        'transcript_url refused: target_not_allowed',
      ]);
      expect(await workerLogged(detail)).toBeTruthy();
    }
  });
});
