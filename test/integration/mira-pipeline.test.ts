import { randomUUID } from 'node:crypto';
import { type ApiProcess, startApiProcess } from '../helpers/api-process';
import { llmAnswer, startChatCompletionsServer } from '../helpers/chat-completions-server';
import {
  createMiraOrg,
  createRep,
  finishedMeeting,
  meetingBody,
  mira,
  submitMeeting,
  type MiraOrg,
} from '../helpers/mira';
import { GOOD_CALL } from '../helpers/mira-transcripts';
import { type NpmProcess, terminate } from '../helpers/npm-process';
import { eventually, useTemporalClient } from '../helpers/temporal';
import { json, startTranscriptServer } from '../helpers/transcript-server';
import { startWorkerOn } from '../helpers/worker-process';
import { workflowIds } from '../../src/domain/workflow-ids';
import { DEFAULT_TEMPLATE } from '../../src/domain/mira/types';

jest.setTimeout(240_000);
const temporal = useTemporalClient();

/**
 * An API and a worker of this file's own, on a task queue of their own: the worker scores with the
 * LLM client against a local chat-completions server and fetches with a 1 s timeout.
 */
describe('the Mira pipeline with the LLM scorer, bounded fetches and a crashing worker', () => {
  const queue = `mira-${randomUUID()}`;
  let api: ApiProcess;
  let worker: NpmProcess;
  let llm: Awaited<ReturnType<typeof startChatCompletionsServer>>;
  let transcripts: Awaited<ReturnType<typeof startTranscriptServer>>;
  let releaseHeld: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (releaseHeld = resolve));
  let org: MiraOrg;
  let rep: string;
  const workerEnv = () => ({
    MIRA_LLM_URL: llm.url,
    MIRA_LLM_MODEL: 'test-model',
    MIRA_LLM_API_KEY: 'sk-test',
    MIRA_TRANSCRIPT_FETCH_TIMEOUT_MS: '1000',
  });
  const names = DEFAULT_TEMPLATE.criteria.map((c) => c.name);

  beforeAll(async () => {
    // The first answer is not JSON: the client must ask again within the same activity.
    llm = await startChatCompletionsServer(['I think it went well!', llmAnswer(names, 6.5)]);
    transcripts = await startTranscriptServer({
      '/slow': () => undefined,
      '/held': (_req, res) => void held.then(() => json(GOOD_CALL)(_req, res)),
    });
    [worker, api] = await Promise.all([
      startWorkerOn(queue, workerEnv()),
      startApiProcess({ TEMPORAL_TASK_QUEUE: queue }),
    ]);
    org = await createMiraOrg();
    rep = await createRep(org, 'Ann', api.url);
  });

  afterAll(async () => {
    releaseHeld();
    await Promise.all([worker && terminate(worker), api?.stop()]);
    await Promise.all([llm?.close(), transcripts?.close()]);
  });

  it('scores through the chat-completions client, retrying an invalid answer, and stores its insights', async () => {
    const id = await submitMeeting(org, meetingBody(rep), api.url);
    expect(await finishedMeeting(org, id, 60_000, api.url)).toMatchObject({ status: 'completed' });
    const report = (await mira('GET', `/meetings/${id}/report`, org.key, undefined, api.url)).body.data[0];
    expect(report).toMatchObject({ scorer: 'llm:test-model', overall_score: 6.5, summary: 'A solid discovery call.' });
    expect(report.criteria_scores.map((c: any) => [c.name, c.score])).toEqual(names.map((n) => [n, 6.5]));
    expect(llm.requests.length).toBeGreaterThanOrEqual(2);
    expect(llm.requests[1]!.body.messages.at(-1)!.content).toMatch(/not JSON/);
    const insights = (await mira('GET', '/insights', org.key, undefined, api.url)).body.data;
    expect(insights).toEqual([
      expect.objectContaining({ type: 'competitor', quote: 'We currently use Clari', meeting_id: id }),
    ]);
  });

  it('fails a meeting whose transcript_url never answers, after the timeout and retries, with the reason', async () => {
    const id = await submitMeeting(
      org,
      meetingBody(rep, { transcript: undefined, transcript_url: transcripts.url('/slow') }),
      api.url,
    );
    const meeting = await finishedMeeting(org, id, 90_000, api.url);
    expect(meeting).toMatchObject({ status: 'failed', failure_reason: 'transcript_url did not answer within 1000 ms' });
    expect(transcripts.hits.filter((h) => h === '/slow')).toHaveLength(4);
  });

  it('finishes a meeting whose worker was killed mid-pipeline, on the next worker', async () => {
    const id = await submitMeeting(
      org,
      meetingBody(rep, { transcript: undefined, transcript_url: transcripts.url('/held') }),
      api.url,
    );
    await eventually(async () => (transcripts.hits.includes('/held') ? true : undefined), 30_000);
    await terminate(worker, 'SIGKILL');
    releaseHeld();
    worker = await startWorkerOn(queue, workerEnv());
    expect(await finishedMeeting(org, id, 90_000, api.url)).toMatchObject({
      status: 'completed',
      transcript: GOOD_CALL,
    });
    const handle = temporal.client.workflow.getHandle(workflowIds.miraMeeting(id));
    expect((await handle.result()).status).toBe('completed');
  });

  it('never loses a meeting when its API cannot reach Temporal: the worker starts it from the outbox', async () => {
    const down = await startApiProcess(
      { TEMPORAL_ADDRESS: '127.0.0.1:1', TEMPORAL_TASK_QUEUE: queue, MIR_TEMPORAL_CALL_TIMEOUT_MS: '1000' },
      120_000,
      '/health',
    );
    try {
      const res = await mira('POST', '/meetings', org.key, meetingBody(rep), down.url);
      expect(res.status).toBe(202);
      expect(res.body.data.status).toBe('pending');
      expect(await finishedMeeting(org, res.body.data.id, 90_000, api.url)).toMatchObject({ status: 'completed' });
      await temporal.client.workflow.getHandle(workflowIds.miraMeeting(res.body.data.id)).describe();
    } finally {
      await down.stop();
    }
  });
});
