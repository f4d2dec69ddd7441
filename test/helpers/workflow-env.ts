import { randomUUID } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import { optionalTsToMs } from '@temporalio/common/lib/time';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { temporal } from '@temporalio/proto';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import type { Activities } from '../../src/activities';
import { MIR_SEARCH_ATTRIBUTES } from '../../src/workflows/search-attributes';

/**
 * Errors only: some tests provoke a workflow's own warnings on purpose, and core warns once per
 * worker that the test server does not keep heartbeat details on failure (no activity here heartbeats).
 */
function quietRuntime(): void {
  if (Runtime._instance) return;
  Runtime.install({
    logger: new DefaultLogger('ERROR'),
    telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' } } },
  });
}

/** What each test stubs: only the activities the workflow under test calls. */
export type StubActivities = Partial<{ [K in keyof Activities]: (...args: never[]) => Promise<unknown> }>;

/**
 * One time-skipping Temporal test server for this file (its clock is shared: tests run one after
 * another) and a worker per test, on the real workflow bundle with stub activities. While a test
 * awaits a workflow's result or `env.sleep`, and nothing is running, the server skips its clock to
 * the next timer, so a 72-hour deadline passes in milliseconds; otherwise it runs at real speed.
 */
export function useWorkflowEnvironment(): {
  readonly env: TestWorkflowEnvironment;
  run<T>(activities: StubActivities, fn: (taskQueue: string) => Promise<T>): Promise<T>;
} {
  let env: TestWorkflowEnvironment | undefined;
  beforeAll(async () => {
    quietRuntime();
    const path = process.env.MIR_TEST_TIME_SKIPPING_SERVER;
    if (!path)
      throw new Error('MIR_TEST_TIME_SKIPPING_SERVER is not set: run this through jest (`npm run test:workflow`)');
    env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path } } });
    // Workflows set these as the stack's do; the test server refuses attributes it does not know.
    await env.connection.operatorService.addSearchAttributes({
      namespace: env.namespace ?? 'default',
      searchAttributes: Object.fromEntries(
        MIR_SEARCH_ATTRIBUTES.map((key) => [
          key.name,
          temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
        ]),
      ),
    });
  }, 60_000);
  afterAll(async () => {
    await env?.teardown();
  });
  return {
    get env() {
      if (!env) throw new Error('the workflow environment starts in beforeAll');
      return env;
    },
    async run(activities, fn) {
      const taskQueue = `test-${randomUUID()}`;
      const worker = await Worker.create({
        connection: env!.nativeConnection,
        taskQueue,
        workflowBundle: { codePath: process.env.MIR_TEST_WORKFLOW_BUNDLE! },
        activities,
      });
      return worker.runUntil(() => fn(taskQueue));
    },
  };
}

/**
 * Holds a stub activity inside its call until the test opens it: `entered` resolves once the
 * activity is running, so the test acts while the workflow is provably mid-decision.
 */
export function gate(): { entered: Promise<void>; pass: () => Promise<void>; open: () => void } {
  let entered!: () => void;
  let open!: () => void;
  const inside = new Promise<void>((r) => (entered = r));
  const opened = new Promise<void>((r) => (open = r));
  return {
    entered: inside,
    pass: () => (entered(), opened),
    open,
  };
}

/**
 * Server time from a run's start to the first event `which` picks, read from its history: once a
 * result is in, the server's clock has already skipped on to whatever it could wake next.
 */
export async function msFromStartTo(
  handle: WorkflowHandle,
  which: (e: temporal.api.history.v1.IHistoryEvent) => unknown,
): Promise<number> {
  const events = (await handle.fetchHistory()).events ?? [];
  const event = events.find(which);
  if (!event) throw new Error('no such event in the history');
  return optionalTsToMs(event.eventTime)! - optionalTsToMs(events[0]!.eventTime)!;
}
