/**
 * A webhook URL as it may be shown or stored anywhere but the delivery itself (the audit log,
 * logs): receivers put their secret in the URL (Slack's /services/T…/B…/<token>, `?token=`), and
 * the audit log is readable with audit:read, which does not let one read or change endpoints.
 *
 * Kept: the scheme, the host and port, the path's ordinary segments, the query's parameter names.
 * Masked (`***`): every query value; a query part or parameter name that looks like a secret; a
 * path segment that looks like a secret (see looksSecret). The fragment (never sent) and any
 * userinfo are dropped.
 */
export const MASK = '***';

/**
 * Secret-looking: at least 16 characters once percent-decoded and either mixing letters and
 * digits, or mixing upper- and lower-case letters, or 32 characters or more whatever they are.
 * Unicode letters and digits count as such. A shorter or single-case all-letter token is not
 * recognised: such a secret belongs in the query, which is always masked.
 */
export function looksSecret(text: string): boolean {
  let decoded = text;
  try {
    decoded = decodeURIComponent(text);
  } catch {
    // Malformed percent-encoding: judge the text as it stands.
  }
  const length = [...decoded].length;
  if (length < 16) return false;
  const letters = /\p{L}/u.test(decoded);
  const digits = /\p{N}/u.test(decoded);
  const mixedCase = /\p{Lu}/u.test(decoded) && /\p{Ll}/u.test(decoded);
  return (letters && digits) || mixedCase || length >= 32;
}

const maskIfSecret = (part: string) => (looksSecret(part) ? MASK : part);

function maskQuery(search: string): string {
  if (search.length <= 1) return '';
  const parts = search
    .slice(1)
    .split('&')
    .map((part) => {
      const eq = part.indexOf('=');
      return eq < 0 ? MASK : `${maskIfSecret(part.slice(0, eq))}=${MASK}`;
    });
  return `?${parts.join('&')}`;
}

/** `raw` redacted as described above; a URL that does not parse is masked whole. */
export function redactWebhookUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return MASK;
  }
  const path = url.pathname.split('/').map(maskIfSecret).join('/');
  return `${url.protocol}//${url.host}${path}${maskQuery(url.search)}`;
}
