import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import * as workflows from '../../src/workflows';
import { quietTemporalRuntime } from '../helpers/temporal';

beforeAll(quietTemporalRuntime);

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'histories');

/** Set by the replay project's global setup (or the stack's, when both run): no stack needed. */
function workflowBundle(): string {
  const bundle = process.env.MIR_TEST_WORKFLOW_BUNDLE;
  if (!bundle) throw new Error('MIR_TEST_WORKFLOW_BUNDLE is not set: run this through jest (`npm run test:replay`)');
  return bundle;
}

/**
 * Every committed history must replay against the current workflow code. A change that would
 * break workflows already running in production fails here with a determinism error.
 */
describe('replay of committed workflow histories', () => {
  const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.json'));

  it('has fixtures to replay', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it('has at least one recorded history of every workflow type the worker registers', () => {
    const recorded = new Set(
      files.map(
        (file) =>
          historyFromJSON(JSON.parse(readFileSync(path.join(FIXTURES, file), 'utf8'))).events?.[0]
            ?.workflowExecutionStartedEventAttributes?.workflowType?.name,
      ),
    );
    expect(Object.keys(workflows).filter((type) => !recorded.has(type))).toEqual([]);
  });

  it('every history replays deterministically', async () => {
    const histories = files.map((file) => ({
      workflowId: file,
      history: historyFromJSON(JSON.parse(readFileSync(path.join(FIXTURES, file), 'utf8'))),
    }));
    const failures: string[] = [];
    for await (const result of Worker.runReplayHistories(
      { workflowBundle: { codePath: workflowBundle() } },
      histories,
    )) {
      if (result.error) failures.push(`${result.workflowId}: ${String(result.error)}`);
    }
    expect(failures).toEqual([]);
  });
});
