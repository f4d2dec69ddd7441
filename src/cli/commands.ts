import { readFileSync } from 'node:fs';

export interface Command {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  body?: Record<string, unknown>;
  describe: (result: Record<string, unknown>) => string[];
}

export class UsageError extends Error {}

function required(values: Record<string, unknown>, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`--${name} is required`);
  return value;
}

/** Mira (the coaching product): organisations and their `mira_live_` keys. */
function miraCommand(positionals: string[], values: Record<string, unknown>): Command {
  const [noun, verb] = positionals;
  if (noun === 'org' && verb === 'create') {
    return {
      method: 'POST',
      path: '/admin/mira/organizations',
      body: { name: required(values, 'name') },
      describe: (r) => {
        const key = r.key as { id: string; apiKey: string; permissions: string[] };
        return [
          `Mira organization ${r.id} (${r.name})`,
          `API key (${key.permissions.join('+')}): ${key.apiKey}`,
          'Store the key now: it is not shown again.',
        ];
      },
    };
  }
  if (noun === 'key' && verb === 'create') {
    return {
      method: 'POST',
      path: `/admin/mira/organizations/${encodeURIComponent(required(values, 'org'))}/keys`,
      body: { readOnly: values['read-only'] === true },
      describe: (r) => [
        `Mira key ${r.id} (${(r.permissions as string[]).join('+')})`,
        `API key: ${r.apiKey}`,
        'Store the key now: it is not shown again.',
      ],
    };
  }
  throw new UsageError(`unknown command: mira ${positionals.join(' ') || '(none)'}`);
}

export function toCommand(positionals: string[], values: Record<string, unknown>): Command {
  if (positionals[0] === 'mira') return miraCommand(positionals.slice(1), values);
  const [noun, verb] = positionals;
  if (noun === 'org' && verb === 'create') {
    return {
      method: 'POST',
      path: '/admin/organizations',
      body: {
        name: required(values, 'name'),
        plan: required(values, 'plan'),
        ...(typeof values['owner-email'] === 'string' ? { ownerEmail: values['owner-email'] } : {}),
      },
      describe: (r) => {
        const owner = r.ownerInvite as { email: string; status: string } | undefined;
        return [
          `Organization ${r.id} (${r.name}, ${r.plan})`,
          `OWNER API key ${r.apiKeyId}: ${r.apiKey}`,
          'Store the key now: it is not shown again. Rotate or revoke it by its id (POST /portal/api/keys/:id/rotate).',
          ...(owner
            ? [
                owner.status === 'CLAIMED'
                  ? `OWNER member: ${owner.email}`
                  : `OWNER member: ${owner.email} (once they verify that address)`,
              ]
            : []),
        ];
      },
    };
  }
  if (noun === 'org' && verb === 'limits') {
    const raw = required(values, 'partner-rate-limit');
    const limit = raw === 'default' ? null : Number(raw);
    if (limit !== null && !(Number.isInteger(limit) && limit > 0)) {
      throw new UsageError('--partner-rate-limit must be a positive integer or "default"');
    }
    return {
      method: 'PATCH',
      path: `/admin/organizations/${encodeURIComponent(required(values, 'org'))}/limits`,
      body: { partnerRateLimitPerMinute: limit },
      describe: (r) => [
        `Partner-key rate limit of ${r.organizationId}: ${r.partnerRateLimitPerMinute ?? 'the default'} per minute per API process`,
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
  if (noun === 'policy' && (verb === 'set' || verb === 'delete')) {
    const path = `/admin/organizations/${encodeURIComponent(required(values, 'org'))}/policy/actions/${encodeURIComponent(required(values, 'action'))}`;
    if (verb === 'delete')
      return { method: 'DELETE', path, describe: (r) => [`Removed ${r.action}: defaults apply again`] };
    return {
      method: 'PUT',
      path,
      body: policyConfigOf(values),
      describe: (r) => [`Set ${r.action} for ${r.organizationId}: ${JSON.stringify(r.config)}`],
    };
  }
  if (noun === 'outbox' && verb === undefined) {
    const limit = typeof values.limit === 'string' ? `?limit=${encodeURIComponent(values.limit)}` : '';
    return { method: 'GET', path: `/admin/workflow-starts${limit}`, describe: describeOutbox };
  }
  throw new UsageError(`unknown command: ${positionals.join(' ') || '(none)'}`);
}

interface WaitingStart {
  workflowId: string;
  /** Signal-with-start: the signal it sends (to the running workflow, or with a new one). */
  signal: string | null;
  taskQueue: string;
  attempts: number;
  lastError: string | null;
  ageSeconds: number;
}

interface RetryingDelivery {
  id: string;
  organizationId: string;
  eventType: string;
  attempts: number;
  nextAttemptAt: string | null;
  ageSeconds: number;
}

/**
 * Oldest first: a start waiting longer than a few seconds means no worker of its task queue runs
 * (or Temporal refuses it: see its last error).
 */
function describeOutbox(r: Record<string, unknown>): string[] {
  const counts = r.counts as { waiting: number; failing: number; retryingDeliveries: number };
  const start = (s: WaitingStart) =>
    `  ${s.workflowId}  ${s.signal ? `signal-with-start ${s.signal}  ` : ''}queue ${s.taskQueue}  age ${s.ageSeconds}s` +
    (s.attempts ? `  attempts ${s.attempts}  last error: ${s.lastError}` : '');
  const delivery = (d: RetryingDelivery) =>
    `  ${d.id}  ${d.organizationId}  ${d.eventType}  age ${d.ageSeconds}s  attempts ${d.attempts}` +
    (d.nextAttemptAt ? `  next ${d.nextAttemptAt}` : '');
  return [
    `Workflow starts: ${counts.waiting} waiting (${counts.failing} of them failed at least once); ` +
      `webhook deliveries still retrying: ${counts.retryingDeliveries}`,
    ...(counts.waiting ? ['Waiting starts (oldest first):', ...(r.starts as WaitingStart[]).map(start)] : []),
    ...(counts.retryingDeliveries
      ? ['Retrying deliveries (oldest first):', ...(r.retryingDeliveries as RetryingDelivery[]).map(delivery)]
      : []),
  ];
}

/** A whole config from --file or --config, or the two common fields as flags. */
function policyConfigOf(values: Record<string, unknown>): Record<string, unknown> {
  if (typeof values.file === 'string') return JSON.parse(readFileSync(values.file, 'utf8')) as Record<string, unknown>;
  if (typeof values.config === 'string') return JSON.parse(values.config) as Record<string, unknown>;
  const config: Record<string, unknown> = {};
  if (typeof values['required-tier'] === 'string') config.required_tier = Number(values['required-tier']);
  if (typeof values['fail-behavior'] === 'string') config.fail_behavior = values['fail-behavior'];
  if (Object.keys(config).length === 0)
    throw new UsageError('give --file, --config, --required-tier or --fail-behavior');
  return config;
}
