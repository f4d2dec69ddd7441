import { parseArgs } from 'node:util';
import { resolveAdminToken } from '../admin-token';
import { loadConfig, publicUrl } from '../config';
import { UsageError, toCommand } from './commands';

const USAGE = `Usage: npm run mir -- <command> [options]

  org create --name <name> --plan <standard|enterprise> [--json]
  org limits --org <orgId> --partner-rate-limit <requests per minute | default> [--json]
  key create --org <orgId> --role <OWNER|ADMIN|MEMBER|ANALYST> [--name <name>] [--json]
  key revoke --org <orgId> --key <keyId> [--json]
  policy set --org <orgId> --action <category.action> (--file <config.json> | --config '<json>'
             | [--required-tier <0-3>] [--fail-behavior <deny|step_up|limit>]) [--json]
  policy delete --org <orgId> --action <category.action> [--json]
  mira org create --name <name> [--json]          (Mira: prints the org id and a read+write key)
  mira key create --org <miraOrgId> [--read-only] [--json]

Talks to the running API at MIR_API_URL (default: PUBLIC_URL or http://localhost:$PORT)
with the admin token from MIR_ADMIN_TOKEN or the dev data folder.`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      plan: { type: 'string' },
      org: { type: 'string' },
      role: { type: 'string' },
      key: { type: 'string' },
      action: { type: 'string' },
      file: { type: 'string' },
      config: { type: 'string' },
      'required-tier': { type: 'string' },
      'fail-behavior': { type: 'string' },
      'partner-rate-limit': { type: 'string' },
      json: { type: 'boolean', default: false },
      'read-only': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const command = toCommand(positionals, values);
  const config = loadConfig();
  const baseUrl = (process.env.MIR_API_URL ?? publicUrl(config)).replace(/\/$/, '');
  const token = resolveAdminToken(config).token;
  const res = await fetch(`${baseUrl}${command.path}`, {
    method: command.method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(command.body ?? {}),
  }).catch((err: unknown) => {
    throw new Error(`cannot reach the MIR API at ${baseUrl} (is it running?): ${(err as Error).message}`);
  });
  const payload = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok) {
    const error = (payload.error ?? {}) as { code?: string; message?: string };
    console.error(`error ${res.status} ${error.code ?? ''}: ${error.message ?? 'unexpected response'}`);
    if (values.json) console.log(JSON.stringify(payload));
    return 1;
  }
  console.log(values.json ? JSON.stringify(payload) : command.describe(payload).join('\n'));
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof UsageError ? `${err.message}\n\n${USAGE}` : (err as Error).message);
    process.exit(err instanceof UsageError ? 2 : 1);
  },
);
