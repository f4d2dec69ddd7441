import { Client, Connection, type WorkflowHandle, WorkflowNotFoundError } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { testEnv } from './env';

/** A client on the test stack's Temporal, for asserting what operators would see in the UI. */
export async function testTemporalClient(): Promise<{ client: Client; close: () => Promise<void> }> {
  const connection = await Connection.connect({ address: testEnv().temporalAddress });
  return { client: new Client({ connection }), close: () => connection.close() };
}

export async function eventually<T>(fn: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Replay workers log every state change at INFO; keep test output to what matters. */
export function quietTemporalRuntime(): void {
  if (Runtime._instance) return;
  Runtime.install({ logger: new DefaultLogger('WARN') });
}

/**
 * This file's Temporal client: connected before its tests and closed after them. Call it at the
 * top level of a test file; read `.client` inside the tests.
 */
export function useTemporalClient(): { readonly client: Client } {
  let held: Awaited<ReturnType<typeof testTemporalClient>> | undefined;
  beforeAll(async () => {
    quietTemporalRuntime();
    held = await testTemporalClient();
  });
  afterAll(async () => {
    await held?.close();
  });
  return {
    get client() {
      if (!held) throw new Error('the Temporal client is only there while the tests run');
      return held.client;
    },
  };
}

type HistoryEvent = NonNullable<Awaited<ReturnType<WorkflowHandle['fetchHistory']>>['events']>[number];

/** The workflow's history events (a handle's fetchHistory, never null). */
export async function historyEvents(handle: Pick<WorkflowHandle, 'fetchHistory'>): Promise<HistoryEvent[]> {
  return (await handle.fetchHistory()).events ?? [];
}

/** The identity of the worker that started each workflow task, in history order. */
export const workflowTaskWorkers = (events: HistoryEvent[]): string[] =>
  events.flatMap((e) =>
    e.workflowTaskStartedEventAttributes ? [e.workflowTaskStartedEventAttributes.identity ?? ''] : [],
  );

/** The worker that started the workflow task in which the update with this history was accepted. */
export function updateAcceptedBy(events: HistoryEvent[]): string | undefined {
  const accepted = events.findIndex((e) => e.workflowExecutionUpdateAcceptedEventAttributes);
  if (accepted < 0) return undefined;
  return workflowTaskWorkers(events.slice(0, accepted)).at(-1);
}

/** Whether no workflow with this id was ever started (describe says not found). */
export async function workflowIsUnknown(client: Client, workflowId: string): Promise<boolean> {
  try {
    await client.workflow.getHandle(workflowId).describe();
    return false;
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return true;
    throw err;
  }
}

/**
 * The workflow's handle once it exists: an API answers as soon as its start is queued (the
 * outbox), and the worker's dispatcher starts it a moment later.
 */
export async function whenStarted(client: Client, workflowId: string, timeoutMs = 30_000): Promise<WorkflowHandle> {
  await eventually(async () => ((await workflowIsUnknown(client, workflowId)) ? undefined : true), timeoutMs);
  return client.workflow.getHandle(workflowId);
}

/** Every run Temporal has of the workflow id (visibility lags a little: once it lists one). */
export async function runsOf(client: Client, workflowId: string, timeoutMs = 30_000) {
  const query = `WorkflowId = '${workflowId.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  return eventually(async () => {
    const runs: { runId: string; status: string }[] = [];
    for await (const w of client.workflow.list({ query })) runs.push({ runId: w.runId, status: w.status.name });
    return runs.length > 0 ? runs : undefined;
  }, timeoutMs);
}
