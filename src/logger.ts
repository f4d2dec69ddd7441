import pino, { type Logger } from 'pino';

/**
 * Secrets can reach a log line through headers, bodies echoed in errors, or URLs that carry
 * a token (link pages). Every path that could hold one is censored here, in one place.
 */
export const REDACT_PATHS = [
  'req.headers["x-api-key"]',
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'apiKey',
  'token',
  'password',
  '*.apiKey',
  '*.token',
  '*.password',
  '*.adminToken',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'mir' },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}

// Express routes /LINK/… to the same page. The account pages' paths carry mailed tokens.
const TOKEN_IN_PATH = /\/(link|account\/password-reset|account\/verify-email)\/[^/?#]+/gi;
const SECRET_PARAM = /^(token|key|api_?key|code|password|secret)$/i;

/** Paths like /link/<token> carry a secret; logs keep the route, never the token. */
export function redactUrl(url: string): string {
  const [path = '', query] = url.split('?', 2);
  const safePath = path.replace(TOKEN_IN_PATH, '/$1/[redacted]');
  if (query === undefined) return safePath;
  const params = new URLSearchParams(query);
  for (const name of [...params.keys()]) if (SECRET_PARAM.test(name)) params.set(name, '[redacted]');
  return `${safePath}?${params.toString()}`;
}
