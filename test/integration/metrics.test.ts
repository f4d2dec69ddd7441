import { createAgent } from '../helpers/agents';
import { keyHeaders, postEvent, uniqueUserId } from '../helpers/events';
import { adminHeaders, createOrg, http } from '../helpers/http';
import { invite } from '../helpers/linking';
import { terminate } from '../helpers/npm-process';
import { freePort } from '../helpers/ports';
import { eventually } from '../helpers/temporal';
import { startWorkerOn } from '../helpers/worker-process';

/** The value of one series in Prometheus text, or 0 when it is absent. */
function valueOf(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

const scrape = async () => {
  const res = await http('GET', '/metrics', { headers: adminHeaders() });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/plain');
  return res.text;
};

describe('GET /metrics (Prometheus text, admin token)', () => {
  it('is refused without the admin token, in the error envelope', async () => {
    const res = await http('GET', '/metrics');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthorized');
    expect((await http('PUT', '/metrics', { headers: adminHeaders() })).status).toBe(405);
  });

  it('counts requests by route template, events, decisions, waiting workflow starts and transactions', async () => {
    const before = await scrape();
    const org = await createOrg();
    const agent = await createAgent(org.apiKey, { name: 'm', type: 'SERVICE_ACCOUNT', preset: 'admin' });
    expect((await postEvent(org.apiKey, { type: 'review.posted', userId: uniqueUserId() })).status).toBe(201);
    await http('GET', `/v1/agents/${agent.id}`, { headers: keyHeaders(org.apiKey) });
    const evaluated = await http('POST', '/policy/evaluate', {
      headers: keyHeaders(org.apiKey),
      body: { action: 'checkout.complete', actor_id: uniqueUserId() },
    });
    expect(evaluated.status).toBe(200);
    await invite(org.apiKey, uniqueUserId());
    const after = await scrape();

    const created = 'mir_http_requests_total{route="/events",method="POST",status="201"}';
    expect(valueOf(after, created)).toBeGreaterThan(valueOf(before, created));
    // Templates, never concrete ids: one series per route, not one per agent.
    expect(after).toContain('route="/v1/agents/:id",method="GET",status="200"');
    expect(after).not.toContain(agent.id);
    expect(valueOf(after, 'mir_events_ingested_total')).toBeGreaterThan(valueOf(before, 'mir_events_ingested_total'));
    expect(valueOf(after, 'mir_event_group_commit_batch_size_count')).toBeGreaterThan(0);
    const decision = `mir_policy_decisions_total{decision="${evaluated.body.decision}"}`;
    expect(valueOf(after, decision)).toBeGreaterThan(valueOf(before, decision));
    // The invite's start went to the outbox: the API counts what waits there, not a start it made.
    expect(after).toMatch(/^mir_workflow_starts_waiting \d+$/m);
    expect(after).toMatch(/^mir_workflow_start_oldest_seconds [\d.e+-]+$/m);
    expect(after).toContain('mir_db_transactions{state="waiting"}');
    expect(after).toContain('mir_http_request_duration_seconds_bucket{le="0.005",route="/events",method="POST"}');
  });
});

describe('worker metrics (the Temporal SDK, MIR_WORKER_METRICS_ADDRESS)', () => {
  it('a worker started with an address serves Prometheus text there', async () => {
    const port = await freePort();
    const worker = await startWorkerOn(`metrics-${Date.now()}`, { MIR_WORKER_METRICS_ADDRESS: `127.0.0.1:${port}` });
    try {
      const text = await eventually(async () => {
        const res = await fetch(`http://127.0.0.1:${port}/metrics`).catch(() => null);
        const body = res?.ok ? await res.text() : '';
        return body.includes('temporal_') ? body : undefined;
      });
      expect(text).toMatch(/^temporal_\w+/m);
    } finally {
      await terminate(worker);
    }
  }, 120_000);
});
