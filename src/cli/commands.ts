import { readFileSync } from 'node:fs';
import type { Mir } from '@mir/client';
import { type Command, UsageError, command, required } from './command';
import { miraCommand } from './mira-commands';

export { type Command, UsageError } from './command';

export function toCommand(positionals: string[], values: Record<string, unknown>): Command {
  if (positionals[0] === 'mira') return miraCommand(positionals.slice(1), values);
  const [noun, verb] = positionals;
  if (noun === 'org' && verb === 'create') {
    // Values as typed: the API validates them and answers a clear 400.
    const body = {
      name: required(values, 'name'),
      plan: required(values, 'plan') as Mir.AdminCreateOrganizationData['body']['plan'],
      ...(typeof values['owner-email'] === 'string' ? { ownerEmail: values['owner-email'] } : {}),
    };
    return command('adminCreateOrganization', { body }, (r) => {
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
    });
  }
  if (noun === 'org' && verb === 'limits') {
    const raw = required(values, 'partner-rate-limit');
    const limit = raw === 'default' ? null : Number(raw);
    if (limit !== null && !(Number.isInteger(limit) && limit > 0)) {
      throw new UsageError('--partner-rate-limit must be a positive integer or "default"');
    }
    return command(
      'adminUpdateOrganizationLimits',
      { path: { id: required(values, 'org') }, body: { partnerRateLimitPerMinute: limit } },
      (r) => [
        `Partner-key rate limit of ${r.organizationId}: ${r.partnerRateLimitPerMinute ?? 'the default'} per minute per API process`,
      ],
    );
  }
  if (noun === 'key' && verb === 'create') {
    const name = values.name;
    const role = required(values, 'role') as Mir.AdminCreateOrganizationKeyData['body']['role'];
    return command(
      'adminCreateOrganizationKey',
      { path: { id: required(values, 'org') }, body: { role, ...(typeof name === 'string' ? { name } : {}) } },
      (r) => [`Key ${r.id} (${r.role})`, `API key: ${r.apiKey}`, 'Store the key now: it is not shown again.'],
    );
  }
  if (noun === 'key' && verb === 'revoke') {
    const path = { id: required(values, 'org'), keyId: required(values, 'key') };
    return command('adminRevokeOrganizationKey', { path }, (r) => [`Key ${r.id} revoked at ${r.revokedAt}`]);
  }
  if (noun === 'policy' && (verb === 'set' || verb === 'delete')) {
    const path = { id: required(values, 'org'), action: required(values, 'action') };
    if (verb === 'delete')
      return command('adminDeletePolicyAction', { path }, (r) => [`Removed ${r.action}: defaults apply again`]);
    const body = policyConfigOf(values) as Mir.AdminSetPolicyActionData['body'];
    return command('adminSetPolicyAction', { path, body }, (r) => [
      `Set ${r.action} for ${r.organizationId}: ${JSON.stringify(r.config)}`,
    ]);
  }
  if (noun === 'outbox' && verb === undefined) {
    // As typed: a limit that is no number reaches the API, which names the bounds.
    const query = typeof values.limit === 'string' ? { limit: values.limit as unknown as number } : {};
    return command('adminListWorkflowStarts', { query }, describeOutbox);
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
