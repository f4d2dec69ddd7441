import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { ApiCallError, send } from './api';
import { UsageError, toCommand } from './commands';
import { doctor } from './doctor';
import { type CliContext, revocations, spawnRequests } from './operator-commands';
import { workflows } from './workflows';
import { issuerKeys } from './issuer-keys';

/** Operators' commands; the rest are single admin-API calls described in commands.ts. */
const OPERATOR_COMMANDS: Record<string, (ctx: CliContext) => Promise<number>> = {
  'spawn-requests': spawnRequests,
  revocations,
  workflows,
  doctor,
  'issuer-keys': issuerKeys,
};

const USAGE = `Usage: npm run mir -- <command> [options]

  org create --name <name> --plan <standard|enterprise> [--owner-email <email>] [--json]
  org limits --org <orgId> --partner-rate-limit <requests per minute | default> [--json]
  key create --org <orgId> --role <OWNER|ADMIN|MEMBER|ANALYST> [--name <name>] [--json]
  key revoke --org <orgId> --key <keyId> [--json]
  policy set --org <orgId> --action <category.action> (--file <config.json> | --config '<json>'
             | [--required-tier <0-3>] [--fail-behavior <deny|step_up|limit>]) [--json]
  policy delete --org <orgId> --action <category.action> [--json]
  mira org create --name <name> [--json]          (Mira: prints the org id and a read+write key)
  mira key create --org <miraOrgId> [--read-only] [--name <name>] [--rate-limit <requests per minute>] [--json]
  mira key list --org <miraOrgId> [--json]          (ids, prefixes, permissions, rate limits, created, last used; never the keys)
  mira key limit --org <miraOrgId> --key <keyId> --rate-limit <requests per minute | default> [--json]
  mira key revoke --org <miraOrgId> --key <keyId> [--json]

  spawn-requests list [--org <orgId>] [--status <PENDING_APPROVAL|APPROVED|REJECTED|EXPIRED|all>] [--json]
  spawn-requests approve <spawnRequestId> [--as <your name>] [--reason <text>] [--json]
  spawn-requests reject <spawnRequestId> [--as <your name>] [--reason <text>] [--json]
  revocations show <operationId> [--once] [--json]     follows a running cascade with a progress bar
  workflows stuck [--org <orgId>] [--older-than 1h] [--json]
  doctor [--json]                                      checks every part; exits 1 on any ✗
  issuer-keys list [--json]                            the credential issuer's keys: state, credentials signed, last expiry
  issuer-keys rotate [--json]                          starts a key rotation (issuer-key-rotation:<generation>)
  outbox [--limit <1-500>] [--json]
                                 workflow starts waiting for a worker (a signal-with-start names its signal),
                                 and webhook deliveries still retrying, oldest first (50 of each unless --limit)

Talks to the running API at MIR_API_URL (default: PUBLIC_URL or http://localhost:$PORT)
with the admin token from MIR_ADMIN_TOKEN or the dev data folder; workflows and doctor also
reach Temporal (TEMPORAL_ADDRESS) and Postgres (DATABASE_URL) as the API does. A decision is
recorded under --as, else MIR_OPERATOR, else your login name: the admin token names nobody.`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      plan: { type: 'string' },
      'owner-email': { type: 'string' },
      org: { type: 'string' },
      role: { type: 'string' },
      key: { type: 'string' },
      action: { type: 'string' },
      file: { type: 'string' },
      config: { type: 'string' },
      'required-tier': { type: 'string' },
      'fail-behavior': { type: 'string' },
      'partner-rate-limit': { type: 'string' },
      'rate-limit': { type: 'string' },
      status: { type: 'string' },
      limit: { type: 'string' },
      as: { type: 'string' },
      reason: { type: 'string' },
      'older-than': { type: 'string' },
      once: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      'read-only': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const config = loadConfig();
  const operatorCommand = OPERATOR_COMMANDS[positionals[0] ?? ''];
  try {
    if (operatorCommand) {
      return await operatorCommand({
        positionals,
        values,
        config,
        json: values.json,
        print: (line) => console.log(line),
      });
    }
    const command = toCommand(positionals, values);
    const payload = await send(config, command);
    console.log(values.json ? JSON.stringify(payload) : command.describe(payload).join('\n'));
    return 0;
  } catch (err) {
    if (!(err instanceof ApiCallError)) throw err;
    console.error(err.message);
    if (values.json) console.log(JSON.stringify(err.payload));
    return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof UsageError ? `${err.message}\n\n${USAGE}` : (err as Error).message);
    process.exit(err instanceof UsageError ? 2 : 1);
  },
);
