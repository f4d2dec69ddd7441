import type { Config } from '../config';
import type { PartnerPrincipal } from '../domain/principals';
import { ApiError } from '../domain/errors';

/** Plain http is for a developer's own machine only. */
const secureEnough = (url: URL, config: Config) => url.protocol === 'https:' || config.NODE_ENV === 'development';

const refuse = (path: string, message: string) =>
  new ApiError('validation_failed', `Invalid request body: ${path} ${message}`, [{ in: 'body', path, message }]);

/** Settings: each entry must be exactly an origin (scheme://host[:port]), https outside development. */
export function assertRedirectOrigins(origins: string[], config: Config): void {
  origins.forEach((value, i) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw refuse(`linkRedirectOrigins.${i}`, 'must be an origin such as https://partner.example');
    }
    if (url.origin !== value) throw refuse(`linkRedirectOrigins.${i}`, `must be the bare origin ${url.origin}`);
    if (!secureEnough(url, config)) throw refuse(`linkRedirectOrigins.${i}`, 'must use https');
  });
}

/**
 * After linking the page sends the person only to an origin the organisation registered, so an
 * invite cannot be turned into an open redirect under MIR's name.
 */
export function assertRedirectAllowed(redirectUrl: string | undefined, principal: PartnerPrincipal, config: Config) {
  if (redirectUrl === undefined) return;
  const url = new URL(redirectUrl);
  const registered = principal.settings.linkRedirectOrigins ?? [];
  if (!registered.includes(url.origin)) {
    throw refuse(
      'redirectUrl',
      `origin ${url.origin} is not registered; add it to linkRedirectOrigins with PATCH /portal/api/settings`,
    );
  }
  if (!secureEnough(url, config)) throw refuse('redirectUrl', 'must use https');
}
