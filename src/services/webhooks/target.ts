import { lookup } from 'node:dns/promises';
import { type LookupFunction, isIP } from 'node:net';
import type { Config } from '../../config';
import { AddressPolicy } from '../../domain/address-ranges';

export interface TargetPolicy {
  httpsOnly: boolean;
  addresses: AddressPolicy;
}

/**
 * Production: https only, and no private, loopback, link-local or metadata address unless its
 * range is in MIR_WEBHOOK_ALLOWED_CIDRS. Development and tests allow both, so a partner can try
 * webhooks against a receiver on their own machine.
 */
export function targetPolicy(config: Config): TargetPolicy {
  const production = config.NODE_ENV === 'production';
  return { httpsOnly: production, addresses: new AddressPolicy(!production, config.MIR_WEBHOOK_ALLOWED_CIDRS) };
}

/**
 * What an outsider is told of any refusal decided by the network: not the address, not whether
 * the name resolved, so the answer cannot map internal names. The detail goes to the log only.
 */
export const TARGET_NOT_ALLOWED = 'target_not_allowed';

/** `reason` may be shown to whoever sent the URL; `detail` is for the server log alone. */
export type ResolvedTarget =
  { ok: true; url: URL; address: string; family: 4 | 6 } | { ok: false; reason: string; detail: string };

/** A refusal that follows from the URL's text alone: saying why tells nothing about the network. */
const malformed = (reason: string): ResolvedTarget => ({ ok: false, reason, detail: reason });
const notAllowed = (detail: string): ResolvedTarget => ({ ok: false, reason: TARGET_NOT_ALLOWED, detail });

const LOOKUP_TIMEOUT_MS = 5_000;

async function resolveAll(hostname: string): Promise<Array<{ address: string; family: number }>> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no DNS answer within ${LOOKUP_TIMEOUT_MS} ms`)), LOOKUP_TIMEOUT_MS);
  });
  try {
    return await Promise.race([lookup(hostname, { all: true, verbatim: true }), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The address a delivery will connect to, checked: every address the name resolves to must be
 * allowed (one refused address refuses the URL), and the caller connects to the checked one, so a
 * name that resolves differently a moment later (DNS rebinding) cannot slip through.
 */
export async function resolveTarget(raw: string, policy: TargetPolicy): Promise<ResolvedTarget> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return malformed('not a URL');
  }
  if (url.protocol !== 'https:' && (policy.httpsOnly || url.protocol !== 'http:')) {
    return malformed(policy.httpsOnly ? 'the URL must be https' : 'the URL must be http or https');
  }
  if (url.username || url.password) return malformed('the URL may not carry credentials');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: Array<{ address: string; family: number }>;
  try {
    addresses = isIP(host) ? [{ address: host, family: isIP(host) }] : await resolveAll(host);
  } catch (err) {
    return notAllowed(`${host} does not resolve: ${(err as Error).message}`);
  }
  if (addresses.length === 0) return notAllowed(`${host} does not resolve`);
  for (const a of addresses) {
    const refusal = policy.addresses.refusal(a.address);
    if (refusal) return notAllowed(`${host} resolves to ${refusal}`);
  }
  const first = addresses[0]!;
  return { ok: true, url, address: first.address, family: first.family === 6 ? 6 : 4 };
}

/** Answers the checked address for the URL's name, so TLS still verifies the name itself. */
export function pinnedLookup(address: string, family: 4 | 6): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all)
      (callback as (e: null, a: Array<{ address: string; family: number }>) => void)(null, [{ address, family }]);
    else callback(null, address, family);
  };
}
