import replaySetup from './replay-setup';
import { ensureTimeSkippingServer } from './time-skipping-server';

/**
 * The workflow project needs no stack: the workflow bundle (shared with the replay project and the
 * stack) and Temporal's time-skipping test server, whose path its tests read from the environment.
 */
export default async function workflowSetup(): Promise<void> {
  await replaySetup();
  process.env.MIR_TEST_TIME_SKIPPING_SERVER = await ensureTimeSkippingServer((line) => console.log(line));
}
