import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';

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

/**
 * JSON lines for machines; in a terminal (or with LOG_FORMAT=pretty), readable coloured lines.
 * The pretty stream writes synchronously, so a line logged before the start banner is on the
 * screen before it, and the banner stays the last thing `npm start` prints.
 */
function prettyWanted(format: string | undefined): boolean {
  if (format === 'pretty') return true;
  if (format === 'json') return false;
  return process.stdout.isTTY === true;
}

export function createLogger(level: string, destination?: pino.DestinationStream, format?: string): Logger {
  const target =
    destination ??
    (prettyWanted(format ?? process.env.LOG_FORMAT)
      ? pretty({
          colorize: true,
          sync: true,
          singleLine: true,
          translateTime: 'SYS:HH:MM:ss.l',
          ignore: 'pid,hostname,service',
        })
      : undefined);
  return pino(
    {
      level,
      base: { service: 'mir' },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    target,
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
