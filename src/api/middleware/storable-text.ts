import type { IncomingMessage, ServerResponse } from 'node:http';

/** JSON's escape for the NUL character, not itself escaped (`\\u0000` is text, not a NUL). */
const ESCAPED_NUL = /(?:^|[^\\])(?:\\\\)*\\u0000/;
/** An escape of a UTF-16 surrogate (\ud800–\udfff); whether it is paired needs the parsed text. */
const ESCAPED_SURROGATE = /\\u[dD][89a-fA-F][0-9a-fA-F]{2}/;
/** A surrogate without its partner: JSON allows the escape, no UTF-8 text (so no Postgres column) holds it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const refused = (message: string, type: string) => Object.assign(new Error(message), { type });

/** Every string of a parsed body, keys included; iterative, as a body may nest deeper than the stack. */
function hasLoneSurrogate(value: unknown): boolean {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const item = pending.pop();
    if (typeof item === 'string') {
      if (LONE_SURROGATE.test(item)) return true;
    } else if (Array.isArray(item)) {
      for (const child of item) pending.push(child);
    } else if (item !== null && typeof item === 'object') {
      for (const [key, child] of Object.entries(item)) {
        if (LONE_SURROGATE.test(key)) return true;
        pending.push(child);
      }
    }
  }
  return false;
}

/**
 * express.json's `verify`, and fast-dispatch's before it parses: text Postgres cannot store is
 * refused before any handler, rather than failing a write later, and with it every event or
 * decision batched in the same statement, again on every retry. That is a NUL character (neither
 * text nor jsonb holds one) and an unpaired surrogate escape (jsonb refuses it, and text would get
 * U+FFFD instead of what was sent).
 */
export function refuseUnstorableText(_req: IncomingMessage, _res: ServerResponse, body: Buffer): void {
  if (!body.includes('\\u')) return;
  const text = body.toString('utf8');
  if (body.includes('\\u0000') && ESCAPED_NUL.test(text)) {
    throw refused('NUL character in request body', 'entity.nul');
  }
  if (!ESCAPED_SURROGATE.test(text)) return;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return; // The parser that follows refuses it, with its own error.
  }
  if (hasLoneSurrogate(parsed)) throw refused('Unpaired surrogate in request body', 'entity.surrogate');
}
