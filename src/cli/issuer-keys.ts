import { databaseUrl } from '../config';
import { type Db, createDatabase } from '../db/client';
import { type IssuerKeyListing, listIssuerKeys, rotationState } from '../db/queries/issuer-key-rotation';
import { startIssuerKeyRotation, workflowIds } from '../temporal/client';
import { connectTemporalClient } from '../temporal/connection';
import { UsageError } from './commands';
import { table, thousands } from './format';
import type { CliContext } from './operator-commands';
import { operatorStack } from './stack';

/** What a key does now: the newest one past its signs-from signs; older ones only verify. */
function states(keys: IssuerKeyListing[], now: number): Map<string, string> {
  const signing = keys.find((k) => !k.retiredAt && k.signsFrom.getTime() <= now)?.kid;
  return new Map(
    keys.map((k) => [
      k.kid,
      k.retiredAt ? 'RETIRED' : k.signsFrom.getTime() > now ? 'PUBLISHED' : k.kid === signing ? 'SIGNING' : 'VERIFYING',
    ]),
  );
}

async function list(ctx: CliContext, db: Db): Promise<number> {
  const keys = await listIssuerKeys(db);
  const state = states(keys, Date.now());
  const rows = keys.map((k) => ({ ...k, state: state.get(k.kid)! }));
  if (ctx.json) return (ctx.print(JSON.stringify(rows)), 0);
  if (rows.length === 0) return (ctx.print('No issuer key yet: the first credential issued makes one.'), 0);
  table(
    ['KID', 'GENERATION', 'STATE', 'SIGNS FROM', 'RETIRED', 'CREDENTIALS SIGNED', 'LAST EXPIRY'],
    rows.map((k) => [
      k.kid,
      String(k.generation),
      k.state,
      k.signsFrom.toISOString(),
      k.retiredAt?.toISOString() ?? '-',
      thousands(k.credentialsSigned),
      k.lastExpiry?.toISOString() ?? '-',
    ]),
  ).forEach(ctx.print);
  return 0;
}

/** Starts the rotation to the next generation, unless a new key is still waiting to sign. */
async function rotate(ctx: CliContext, db: Db): Promise<number> {
  const { next, pending } = await rotationState(db);
  const report = (workflowId: string, started: boolean, line: string) =>
    ctx.print(ctx.json ? JSON.stringify({ workflowId, started }) : line);
  if (pending) {
    const workflowId = workflowIds.issuerKeyRotation(pending.generation);
    report(
      workflowId,
      false,
      `A rotation is under way (${workflowId}): key ${pending.kid} is published and signs from ${pending.signsFrom.toISOString()}.`,
    );
    return 0;
  }
  const workflowId = workflowIds.issuerKeyRotation(next);
  const client = await connectTemporalClient(ctx.config);
  try {
    const outcome = await startIssuerKeyRotation(client, ctx.config.TEMPORAL_TASK_QUEUE, next);
    report(
      workflowId,
      outcome === 'started',
      outcome === 'started'
        ? `Started ${workflowId}: the new key is published now and signs after MIR_ISSUER_KEY_PREPUBLISH_SECONDS; ` +
            'the previous key stays published until the last credential it signed has expired.'
        : `A rotation is under way (${workflowId}): started by another ask a moment ago.`,
    );
    return 0;
  } finally {
    await client.connection.close();
  }
}

/**
 * `issuer-keys list|rotate`: reads Postgres and starts the workflow itself, on the stack the API
 * runs with (as `workflows` does). A rotation needs the API's own Postgres to pick its generation,
 * so it is refused while the CLI's settings differ from the API's or the API does not say.
 */
export async function issuerKeys(ctx: CliContext): Promise<number> {
  const [, verb] = ctx.positionals;
  if (verb !== 'list' && verb !== 'rotate') throw new UsageError('usage: issuer-keys list|rotate [--json]');
  const stack = await operatorStack(ctx.config);
  if (!ctx.json) ctx.print(stack.firstLine);
  if (!stack.agreement.ok) {
    if (verb === 'rotate') {
      console.error(`Not rotating: ${stack.agreement.detail}. Fix: ${stack.agreement.fix}`);
      return 1;
    }
    if (!ctx.json) ctx.print(`! ${stack.agreement.detail}`);
  }
  const database = createDatabase(databaseUrl(stack.config), { max: 1 });
  try {
    return verb === 'list' ? await list(ctx, database.db) : await rotate({ ...ctx, config: stack.config }, database.db);
  } finally {
    await database.close();
  }
}
