import {
  type WorkflowSummary,
  currentDetails,
  lastEventTime,
  listWorkflows,
  pendingActivities,
  visibilityValue,
} from '../temporal/client';
import { connectTemporalClient } from '../temporal/connection';
import { parseDuration, table } from './format';
import { UsageError } from './commands';
import type { CliContext } from './operator-commands';
import { operatorStack } from './stack';

export interface StuckWorkflow extends WorkflowSummary {
  lastChange: string | null;
  details: string | null;
  pendingActivities: { activityType: string; attempt: number; lastFailure: string | null }[];
}

/**
 * Running workflows that have not changed for `--older-than`: started before then (visibility),
 * and no history event since (their current details only change in a workflow task, which always
 * writes one). An activity retrying all that time writes none either, so it is listed, with its
 * attempt and last error; a waiting approval is listed with what it waits for.
 */
export async function workflows(ctx: CliContext): Promise<number> {
  const [, verb] = ctx.positionals;
  if (verb !== 'stuck') throw new UsageError('usage: workflows stuck [--org <orgId>] [--older-than 1h]');
  const olderThan = parseDuration(typeof ctx.values['older-than'] === 'string' ? ctx.values['older-than'] : '1h');
  const cutoff = new Date(Date.now() - olderThan);
  const org = typeof ctx.values.org === 'string' ? ctx.values.org : undefined;
  const query = [
    `ExecutionStatus = 'Running'`,
    `StartTime < ${visibilityValue(cutoff.toISOString())}`,
    ...(org ? [`MirOrgId = ${visibilityValue(org)}`] : []),
  ].join(' AND ');
  const stack = await operatorStack(ctx.config);
  if (!ctx.json) {
    ctx.print(stack.firstLine);
    if (!stack.agreement.ok) ctx.print(`! ${stack.agreement.detail}`);
  }
  const client = await connectTemporalClient(stack.config);
  try {
    const stuck: StuckWorkflow[] = [];
    for (const w of await listWorkflows(client, query)) {
      const last = await lastEventTime(client, w.workflowId, w.runId);
      if (last && last > cutoff) continue;
      stuck.push({
        ...w,
        lastChange: last?.toISOString() ?? null,
        details: await currentDetails(client, w.workflowId),
        pendingActivities: await pendingActivities(client, w.workflowId),
      });
    }
    if (ctx.json) return (ctx.print(JSON.stringify(stuck)), 0);
    if (stuck.length === 0)
      return (ctx.print(`No running workflow unchanged for ${ctx.values['older-than'] ?? '1h'}.`), 0);
    table(
      ['WORKFLOW', 'ORGANISATION', 'UNCHANGED SINCE', 'CURRENT DETAILS'],
      stuck.map((w) => [
        w.workflowId,
        w.orgId ?? '-',
        w.lastChange ?? '?',
        [
          w.details ?? '(no worker answered its query)',
          ...w.pendingActivities.map((a) => `${a.activityType} attempt ${a.attempt}: ${a.lastFailure ?? 'running'}`),
        ].join(' | '),
      ]),
    ).forEach(ctx.print);
    ctx.print(`${stuck.length} workflow(s); see docs/operations.md for what to do with each.`);
    return 0;
  } finally {
    await client.connection.close();
  }
}
