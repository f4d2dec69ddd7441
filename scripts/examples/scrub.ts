/** What a recorded call may not show as it was, and what makes one read like a test rather than a partner. */

const SECRET_KEY = /(token|secret|password)$|^apiKey$/i;
const SECRET_VALUE = /\b((?:mir|whsec|mira)_(?:[a-z]+_)?)[A-Za-z0-9_+/=-]{16,}/g;
/** Each test stack listens on a port of its own; a reader's listens on 3000. */
const TEST_ORIGIN = /\bhttp:\/\/(?:localhost|127\.0\.0\.1):\d+/g;

/**
 * Keys, tokens and secrets, wherever they stand in a string (a mail's text too), shortened to what a
 * reader recognises (`mir_live_…`); a test stack's address becomes the quick start's; the rest as sent.
 */
export function redact(value: unknown, key = ''): unknown {
  // The stack's own ports (GET /admin/runtime) become the defaults a reader's stack has.
  if (key === 'port' && typeof value === 'number') return 5432;
  if (key === 'address' && typeof value === 'string' && /^127\.0\.0\.1:\d+$/.test(value)) return '127.0.0.1:7233';
  if (typeof value === 'string') {
    const shown = value.replace(SECRET_VALUE, '$1…').replace(TEST_ORIGIN, 'http://localhost:3000');
    // A password in a request must still fit its rules, so a reader can send the example as it stands.
    if (/password$/i.test(key)) return 'correct horse battery staple';
    return SECRET_KEY.test(key) && shown.length >= 16 ? '…' : shown;
  }
  if (Array.isArray(value)) return value.slice(0, 3).map((v) => redact(v, key));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redact(v, k)]));
  }
  return value;
}

/**
 * Test scaffolding a reader would stumble on: a run of one letter (a length bound), a run id, control
 * or bidi characters, a one-letter name or one with quotes and brackets (an escaping test).
 */
// eslint-disable-next-line no-control-regex -- control characters (not a line break or tab) are what it looks for
const ODD = /(.)\1{7,}|\d{12,}|[\u0000-\u0008\u000e-\u001f\u202a-\u202e]/;
export function oddities(value: unknown, key = ''): number {
  if (typeof value === 'string')
    return ODD.test(value) || (/name$/i.test(key) && (value.length <= 2 || /[\\"<>]/.test(value))) ? 1 : 0;
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + oddities(v, key), 0);
  if (value && typeof value === 'object') return Object.entries(value).reduce((n, [k, v]) => n + oddities(v, k), 0);
  return 0;
}
