import { type Command, UsageError, command, required } from './command';

interface MiraKeyLine {
  id: string;
  name: string | null;
  prefix: string;
  permissions: string[];
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  rateLimitPerMinute: number | null;
  effectiveRateLimitPerMinute: number;
}

/** The operator sees whether a key has its own limit or the server default, and the number either way. */
const limitOf = (k: MiraKeyLine) =>
  `${k.effectiveRateLimitPerMinute}/min${k.rateLimitPerMinute === null ? ' (default)' : ''}`;

const miraKeyLine = (k: MiraKeyLine) =>
  `${k.id} ${k.prefix}…${k.name === null ? '' : ` "${k.name}"`} ${k.permissions.join('+')} ${limitOf(k)} created ${k.createdAt}, last used ${k.lastUsedAt ?? 'never'}` +
  (k.revokedAt ? `, revoked ${k.revokedAt}` : '');

/**
 * --rate-limit N, or `default` (null: the server's MIRA_KEY_RATE_LIMIT_PER_MINUTE). Digits only, so
 * "1.5" or "1e3" is a usage error here; the API still says whether N is in range (1..100000000).
 */
function rateLimitOption(values: Record<string, unknown>): number | null {
  const raw = required(values, 'rate-limit').trim();
  if (raw === 'default') return null;
  if (!/^\d+$/.test(raw))
    throw new UsageError('--rate-limit must be a whole number of requests per minute or "default"');
  return Number(raw);
}

/** Mira (the coaching product): organisations and their `mira_live_` keys. */
export function miraCommand(positionals: string[], values: Record<string, unknown>): Command {
  const [noun, verb] = positionals;
  if (noun === 'org' && verb === 'create') {
    return command('adminCreateMiraOrganization', { body: { name: required(values, 'name') } }, (r) => {
      const key = r.key as { id: string; apiKey: string; permissions: string[] };
      return [
        `Mira organization ${r.id} (${r.name})`,
        `API key (${key.permissions.join('+')}): ${key.apiKey}`,
        'Store the key now: it is not shown again.',
      ];
    });
  }
  if (noun === 'key' && verb === 'create') {
    return command(
      'adminCreateMiraKey',
      {
        path: { id: required(values, 'org') },
        body: {
          readOnly: values['read-only'] === true,
          ...(typeof values.name === 'string' ? { name: values.name } : {}),
          ...(values['rate-limit'] !== undefined ? { rateLimitPerMinute: rateLimitOption(values) } : {}),
        },
      },
      (r) => [
        `Mira key ${r.id} (${(r.permissions as string[]).join('+')})`,
        `API key: ${r.apiKey}`,
        'Store the key now: it is not shown again.',
      ],
    );
  }
  if (noun === 'key' && verb === 'list') {
    return command('adminListMiraKeys', { path: { id: required(values, 'org') } }, (r) =>
      (r.keys as MiraKeyLine[]).map(miraKeyLine),
    );
  }
  if (noun === 'key' && verb === 'limit') {
    const path = { id: required(values, 'org'), keyId: required(values, 'key') };
    return command('adminUpdateMiraKey', { path, body: { rateLimitPerMinute: rateLimitOption(values) } }, (r) => [
      `${miraKeyLine(r as unknown as MiraKeyLine)}: counted against the new limit from the next request`,
    ]);
  }
  if (noun === 'key' && verb === 'revoke') {
    const path = { id: required(values, 'org'), keyId: required(values, 'key') };
    return command('adminRevokeMiraKey', { path }, (r) => [
      `${miraKeyLine(r as unknown as MiraKeyLine)}: refused from the next request`,
    ]);
  }
  throw new UsageError(`unknown command: mira ${positionals.join(' ') || '(none)'}`);
}
