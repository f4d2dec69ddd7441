import { hostname, userInfo } from 'node:os';
import type { Mir } from '@mir/client';
import type { Config } from '../config';
import { adminApi, answerOf } from './api';
import { progressBar, sleep, table, thousands } from './format';
import { UsageError } from './commands';

export interface CliContext {
  positionals: string[];
  values: Record<string, string | boolean | undefined>;
  config: Config;
  json: boolean;
  print: (line: string) => void;
}

const str = (ctx: CliContext, name: string) => {
  const value = ctx.values[name];
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
};

/**
 * The admin token is one shared secret and names nobody, so the operator says who they are:
 * `--as`, else MIR_OPERATOR, else their login on this machine. It is recorded as claimed.
 */
export function operatorName(ctx: CliContext): string {
  return str(ctx, 'as') ?? process.env.MIR_OPERATOR ?? `${userInfo().username}@${hostname()}`;
}

/** A spawn request as the admin API lists it. */
type SpawnRow = Mir.AdminListSpawnRequestsResponse['spawnRequests'][number];

export async function spawnRequests(ctx: CliContext): Promise<number> {
  const [, verb, id] = ctx.positionals;
  if (verb === 'list') {
    const status = str(ctx, 'status') ?? 'PENDING_APPROVAL';
    // As typed (a status or limit the API does not know is its 400 to explain).
    const query = {
      ...(status === 'all' ? {} : { status: status as 'PENDING_APPROVAL' }),
      ...(str(ctx, 'org') ? { organizationId: str(ctx, 'org')! } : {}),
      limit: (str(ctx, 'limit') ?? 200) as number,
    };
    const { spawnRequests: rows } = await answerOf(ctx.config, adminApi(ctx.config).adminListSpawnRequests({ query }));
    if (ctx.json) return (ctx.print(JSON.stringify(rows)), 0);
    if (rows.length === 0) return (ctx.print(`No spawn requests (${status}).`), 0);
    const when = (r: SpawnRow) =>
      r.status === 'PENDING_APPROVAL' ? `deadline ${r.expiresAt}` : `decided ${r.decidedAt}`;
    table(
      ['SPAWN REQUEST', 'ORGANISATION', 'PARENT', 'CHILD', 'STATUS', 'WHEN'],
      rows.map((r) => [
        r.id,
        r.organizationId,
        r.parentAgentId,
        `${r.childAgentId} (${r.child.name})`,
        r.status,
        when(r),
      ]),
    ).forEach(ctx.print);
    return 0;
  }
  if (verb === 'approve' || verb === 'reject') {
    if (!id) throw new UsageError(`spawn-requests ${verb} needs the spawn request id`);
    const operator = operatorName(ctx);
    const reason = str(ctx, 'reason');
    const api = adminApi(ctx.config);
    const decide = verb === 'approve' ? api.adminApproveSpawnRequest : api.adminRejectSpawnRequest;
    const body = { operator, ...(reason ? { reason } : {}) };
    const result = await answerOf(ctx.config, decide({ path: { id }, body }));
    if (ctx.json) return (ctx.print(JSON.stringify(result)), 0);
    const r = result.spawnRequest;
    ctx.print(`Spawn request ${r.id} ${r.status} by ${operator} (recorded as admin via admin_api)`);
    if (result.agent) ctx.print(`Agent ${result.agent.id} (${r.child.name}) is active under ${r.parentAgentId}`);
    return 0;
  }
  throw new UsageError(`unknown command: spawn-requests ${verb ?? ''}`);
}

/** Follows a running cascade with a bar (redrawn in a terminal, a line per change otherwise). */
export async function revocations(ctx: CliContext): Promise<number> {
  const [, verb, id] = ctx.positionals;
  if (verb !== 'show' || !id) throw new UsageError('usage: revocations show <operationId>');
  const api = adminApi(ctx.config);
  const fetchOp = () => answerOf(ctx.config, api.adminGetRevocation({ path: { operationId: id } }));
  let op = await fetchOp();
  const follow = ctx.values.once !== true;
  const tty = process.stdout.isTTY === true && !ctx.json;
  if (!ctx.json)
    ctx.print(`Kill switch ${op.operationId} on ${op.rootAgentId} (${op.organizationId}), workflow ${op.workflowId}`);
  const show = () => {
    if (ctx.json) return ctx.print(JSON.stringify(op));
    const line = `${progressBar(op.revoked, op.total)} ${op.status}`;
    if (tty) process.stdout.write(`\r${line}`);
    else ctx.print(line);
  };
  let shown = '';
  for (;;) {
    if (`${op.revoked}/${op.status}` !== shown) show();
    shown = `${op.revoked}/${op.status}`;
    if (op.status !== 'RUNNING' || !follow) break;
    await sleep(500);
    op = await fetchOp();
  }
  if (tty) process.stdout.write('\n');
  if (!ctx.json && op.status !== 'RUNNING')
    ctx.print(`${thousands(op.revoked)} of ${thousands(op.total)} revoked: ${op.status}`);
  return 0;
}
