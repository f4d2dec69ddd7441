import type { WorkflowClientInterceptor } from '@temporalio/client';

export type WorkflowCallCounter = (workflow: string, result: 'ok' | 'failed') => void;

/** Counts every workflow start, update and signal the API makes, and whether Temporal took it. */
export function workflowCallMetrics(count: WorkflowCallCounter): WorkflowClientInterceptor {
  const counted = async <T>(name: string, call: () => Promise<T>): Promise<T> => {
    try {
      const result = await call();
      count(name, 'ok');
      return result;
    } catch (err) {
      count(name, 'failed');
      throw err;
    }
  };
  return {
    start: (input, next) => counted(input.workflowType, () => next(input)),
    startWithDetails: (input, next) => counted(input.workflowType, () => next(input)),
    startUpdate: (input, next) => counted(`update:${input.updateName}`, () => next(input)),
    signal: (input, next) => counted(`signal:${input.signalName}`, () => next(input)),
  };
}
