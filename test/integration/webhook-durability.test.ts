import { MirOperation, MirOrgId } from '../../src/workflows/search-attributes';
import { startApiProcess } from '../helpers/api-process';
import { keyHeaders } from '../helpers/events';
import { maybeRecordHistory } from '../helpers/spawn';
import { createOrg, http } from '../helpers/http';
import { type NpmProcess, terminate } from '../helpers/npm-process';
import { eventually, historyEvents, useTemporalClient } from '../helpers/temporal';
import { WebhookReceiver, verifyWith } from '../helpers/webhook-receiver';
import { startWorkerOn } from '../helpers/worker-process';

jest.setTimeout(300_000);

const temporal = useTemporalClient();
const receiver = new WebhookReceiver();
let url: string;
beforeAll(async () => {
  url = await receiver.start();
});
afterAll(() => receiver.stop());

describe('webhook delivery durability', () => {
  it('a worker killed during a retry wait still delivers, exactly once, after it restarts', async () => {
    const queue = `mir-webhooks-${Date.now()}`;
    // Changes written through this API are delivered on its queue, where only our worker polls.
    const api = await startApiProcess({ TEMPORAL_TASK_QUEUE: queue });
    let worker: NpmProcess | undefined = await startWorkerOn(queue);
    try {
      const org = await createOrg();
      const headers = keyHeaders(org.apiKey);
      const hook = await http('POST', '/v1/webhooks', { baseUrl: api.url, headers, body: { url, eventTypes: ['*'] } });
      expect(hook.status).toBe(201);
      const mine = (body: string) => body.includes(hook.body.id);
      let posts = 0;
      // Four failures (at once, then 1 s apart), then a 6 s wait (the stack's test schedule) before the fifth.
      receiver.respond = (_n, body) => (mine(body) ? (++posts <= 4 ? 503 : 200) : 204);
      const sent = await http('POST', `/v1/webhooks/${hook.body.id}/test`, { baseUrl: api.url, headers });
      expect(sent.status).toBe(202);
      const handle = temporal.client.workflow.getHandle(sent.body.workflowId);
      // The fourth attempt is recorded and the workflow sleeps towards the fifth: kill the worker now.
      await eventually(async () => {
        // Not found until the dispatcher has started it.
        const events = await historyEvents(handle).catch(() => []);
        return events.filter((e) => e.timerStartedEventAttributes).length === 4 ? true : undefined;
      }, 60_000);
      await terminate(worker, 'SIGKILL');
      worker = undefined;
      expect(receiver.received.filter((r) => mine(r.body))).toHaveLength(4);
      worker = await startWorkerOn(queue);
      const result = await handle.result();
      expect(result).toEqual({ deliveryId: sent.body.deliveryId, status: 'SUCCEEDED', attempts: 5, httpStatus: 200 });
      const received = receiver.received.filter((r) => mine(r.body));
      expect(received.map((r) => r.status)).toEqual([503, 503, 503, 503, 200]);
      expect(new Set(received.map((r) => r.headers['webhook-id']))).toEqual(new Set([sent.body.messageId]));
      verifyWith(hook.body.secret, received[4]!);
      const log = await http('GET', `/v1/webhooks/${hook.body.id}/deliveries`, { headers });
      expect(log.body.deliveries[0].attempts.map((a: any) => a.httpStatus)).toEqual([503, 503, 503, 503, 200]);
      const described = await handle.describe();
      expect(described.typedSearchAttributes.get(MirOperation)).toBe('webhook');
      expect(described.typedSearchAttributes.get(MirOrgId)).toBe(org.id);
      await maybeRecordHistory(handle, 'webhook-delivery-retried.json');
    } finally {
      receiver.respond = () => 204;
      if (worker) await terminate(worker);
      await api.stop();
    }
  });
});
