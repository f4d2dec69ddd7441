import { readFileSync } from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import { type Config, databaseUrl } from '../config';
import { apiBaseUrl } from './api';
import { type Check, message } from './checks';
import { temporalChecks } from './doctor-temporal';
import type { CliContext } from './operator-commands';
import { operatorStack } from './stack';

/** A clock this far from Postgres's moves deadlines and "older than" filters noticeably. */
const MAX_SKEW_MS = 2000;
const JOURNAL = path.join(__dirname, '..', '..', 'drizzle', 'meta', '_journal.json');

async function postgresChecks(config: Config): Promise<Check[]> {
  const sql = postgres(databaseUrl(config), { max: 1, connect_timeout: 5, onnotice: () => undefined });
  try {
    const before = Date.now();
    const [row] = await sql<{ now: Date }[]>`select now()`;
    const skew = row!.now.getTime() - (before + Date.now()) / 2;
    const journal = JSON.parse(readFileSync(JOURNAL, 'utf8')) as { entries: { tag: string; when: number }[] };
    const [applied] = await sql<{ last: string | null }[]>`
      select max(created_at)::text as last from drizzle.__drizzle_migrations`.catch(() => [{ last: null }]);
    const pending = journal.entries.filter((e) => applied?.last === null || e.when > Number(applied!.last));
    return [
      { name: 'Postgres reachable', ok: true, detail: hostOf(databaseUrl(config)) },
      pending.length === 0
        ? {
            name: 'Postgres migrations applied',
            ok: true,
            detail: `${journal.entries.length} of ${journal.entries.length}`,
          }
        : {
            name: 'Postgres migrations applied',
            ok: false,
            detail: `${pending.length} pending: ${pending.map((e) => e.tag).join(', ')}`,
            fix: 'npm run migrate   (npm run api / npm run worker / npm start also migrate on start)',
          },
      Math.abs(skew) <= MAX_SKEW_MS
        ? { name: 'Clock (this machine vs Postgres)', ok: true, detail: `${Math.round(skew)} ms apart` }
        : {
            name: 'Clock (this machine vs Postgres)',
            ok: false,
            detail: `${Math.round(skew)} ms apart (more than ${MAX_SKEW_MS} ms)`,
            fix: 'sync the clocks with NTP on both machines, e.g. `sudo timedatectl set-ntp true`',
          },
    ];
  } catch (err) {
    return [
      {
        name: 'Postgres reachable',
        ok: false,
        detail: `${hostOf(databaseUrl(config))}: ${message(err)}`,
        fix: config.DATABASE_URL
          ? 'check DATABASE_URL and that Postgres runs'
          : 'npm start (runs the embedded Postgres)',
      },
    ];
  } finally {
    await sql.end({ timeout: 2 });
  }
}

function hostOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    return 'DATABASE_URL';
  }
}

async function apiCheck(config: Config): Promise<Check> {
  const url = apiBaseUrl(config);
  try {
    const res = await fetch(`${url}/ready`, { signal: AbortSignal.timeout(5000) });
    if (res.ok) return { name: 'API ready', ok: true, detail: url };
    const body = (await res.json().catch(() => ({}))) as { error?: { message?: string } };
    return {
      name: 'API ready',
      ok: false,
      detail: `${url}: ${res.status} ${body.error?.message ?? ''}`.trim(),
      fix: 'fix the checks above; the API reports what it cannot reach',
    };
  } catch (err) {
    return {
      name: 'API ready',
      ok: false,
      detail: `${url}: ${message(err)}`,
      fix: 'npm run api (or npm start); set MIR_API_URL if it runs elsewhere',
    };
  }
}

/**
 * ✓ or ✗ per check with the command that fixes it, on the stack the API says it runs with (first
 * line); exits 1 on any ✗, a difference between the CLI's settings and the API's included.
 */
export async function doctor(ctx: CliContext): Promise<number> {
  const stack = await operatorStack(ctx.config);
  const checks = [
    stack.agreement,
    ...(await postgresChecks(ctx.config)),
    ...(await temporalChecks(stack.config)),
    await apiCheck(ctx.config),
  ];
  const ok = checks.every((c) => c.ok);
  if (ctx.json) ctx.print(JSON.stringify({ ok, stack: stack.firstLine, checks }));
  else {
    ctx.print(stack.firstLine);
    for (const c of checks) {
      ctx.print(`${c.ok ? '✓' : '✗'} ${c.name}: ${c.detail}`);
      if (c.fix) c.fix.split('\n').forEach((line) => ctx.print(`    fix: ${line}`));
    }
  }
  return ok ? 0 : 1;
}
