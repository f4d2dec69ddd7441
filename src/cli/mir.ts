import { parseArgs } from 'node:util';
import { resolveAdminToken } from '../admin-token';
import { loadConfig, publicUrl } from '../config';

const USAGE = `Usage: npm run mir -- <command> [options]

  org create --name <name> --plan <standard|enterprise> [--json]
  key create --org <orgId> --role <OWNER|ADMIN|MEMBER|ANALYST> [--name <name>] [--json]
  key revoke --org <orgId> --key <keyId> [--json]

Talks to the running API at MIR_API_URL (default: PUBLIC_URL or http://localhost:$PORT)
with the admin token from MIR_ADMIN_TOKEN or the dev data folder.`;

interface Command {
  method: 'POST';
  path: string;
  body?: Record<string, unknown>;
  describe: (result: Record<string, unknown>) => string[];
}

class UsageError extends Error {}

function required(values: Record<string, unknown>, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`--${name} is required`);
  return value;
}

function toCommand(positionals: string[], values: Record<string, unknown>): Command {
  const [noun, verb] = positionals;
  if (noun === 'org' && verb === 'create') {
    return {
      method: 'POST',
      path: '/admin/organizations',
      body: { name: required(values, 'name'), plan: required(values, 'plan') },
      describe: (r) => [
        `Organization ${r.id} (${r.name}, ${r.plan})`,
        `OWNER API key: ${r.apiKey}`,
        'Store the key now: it is not shown again.',
      ],
    };
  }
  if (noun === 'key' && verb === 'create') {
    const name = values.name;
    return {
      method: 'POST',
      path: `/admin/organizations/${encodeURIComponent(required(values, 'org'))}/keys`,
      body: { role: required(values, 'role'), ...(typeof name === 'string' ? { name } : {}) },
      describe: (r) => [`Key ${r.id} (${r.role})`, `API key: ${r.apiKey}`, 'Store the key now: it is not shown again.'],
    };
  }
  if (noun === 'key' && verb === 'revoke') {
    const org = encodeURIComponent(required(values, 'org'));
    const key = encodeURIComponent(required(values, 'key'));
    return {
      method: 'POST',
      path: `/admin/organizations/${org}/keys/${key}/revoke`,
      describe: (r) => [`Key ${r.id} revoked at ${r.revokedAt}`],
    };
  }
  throw new UsageError(`unknown command: ${positionals.join(' ') || '(none)'}`);
}

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
      json: { type: 'boolean', default: false },
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
