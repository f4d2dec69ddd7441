import { Context } from '@temporalio/activity';

/**
 * Why an outbound target was refused (the name, what it resolved to) goes to the worker's log
 * only; what a partner reads (an attempt's error, a meeting's failure_reason) says
 * target_not_allowed, as the API does.
 */
export function logRefusedTarget(what: string, detail: string): void {
  try {
    Context.current().log.warn(`${what} refused: ${detail}`, { refusal: detail });
  } catch {
    // Called outside an activity (a test calling the fetch directly): there is no worker log.
  }
}
