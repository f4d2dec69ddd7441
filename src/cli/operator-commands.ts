import { hostname, userInfo } from 'node:os';
import type { Config } from '../config';
import { callApi } from './api';
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

interface SpawnRow {
  id: string;
  organizationId: string;
  status: string;
  parentAgentId: string;
  childAgentId: string;
  child: { name: string };
  expiresAt: string;
  decidedAt: string | null;
  decidedBy: { type: string; id: string | null; via?: string } | null;
  workflowId: string;
}

export async function spawnRequests(ctx: CliContext): Promise<number> {
  const [, verb, id] = ctx.positionals;
  if (verb === 'list') {
    const status = str(ctx, 'status') ?? 'PENDING_APPROVAL';
    const query = new URLSearchParams({
      ...(status === 'all' ? {} : { status }),
      ...(str(ctx, 'org') ? { organizationId: str(ctx, 'org')! } : {}),
      limit: str(ctx, 'limit') ?? '200',
    });
    const { spawnRequests: rows } = (await callApi(ctx.config, 'GET', `/admin/spawn-requests?${query}`)) as {
      spawnRequests: SpawnRow[];
    };
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
    const result = (await callApi(ctx.config, 'POST', `/admin/spawn-requests/${encodeURIComponent(id)}/${verb}`, {
      operator,
      ...(reason ? { reason } : {}),
    })) as { spawnRequest: SpawnRow; agent: { id: string } | null };
    if (ctx.json) return (ctx.print(JSON.stringify(result)), 0);
    const r = result.spawnRequest;
    ctx.print(`Spawn request ${r.id} ${r.status} by ${operator} (recorded as admin via admin_api)`);
    if (result.agent) ctx.print(`Agent ${result.agent.id} (${r.child.name}) is active under ${r.parentAgentId}`);
    return 0;
  }
  throw new UsageError(`unknown command: spawn-requests ${verb ?? ''}`);
}

interface Revocation {
  operationId: string;
  organizationId: string;
  rootAgentId: string;
  total: number;
  revoked: number;
  status: string;
  workflowId: string;
}

/** Follows a running cascade with a bar (redrawn in a terminal, a line per change otherwise). */
export async function revocations(ctx: CliContext): Promise<number> {
  const [, verb, id] = ctx.positionals;
  if (verb !== 'show' || !id) throw new UsageError('usage: revocations show <operationId>');
  const fetchOp = async () =>
    (await callApi(ctx.config, 'GET', `/admin/revocations/${encodeURIComponent(id)}`)) as unknown as Revocation;
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
