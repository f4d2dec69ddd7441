/**
 * How deep JSON may nest: objects and arrays inside one another, each counting one level (`{}` is 1,
 * `{"a":[1]}` is 2). Serialising, hashing and validating a value all recurse into it, and a body of a
 * few kilobytes can nest thousands of levels: beyond these limits it is refused before any of them run.
 */
export const JSON_BODY_MAX_DEPTH = 64;
/** Free-form fields a caller fills (event `data`, policy `context`): stored and sent on as they came. */
export const JSON_DATA_MAX_DEPTH = 32;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;

/**
 * Whether JSON text nests deeper than `max`, read from its bytes in one pass without parsing, so
 * without recursion. Brackets inside strings do not count (a backslash escapes the byte after it);
 * UTF-8 never uses these byte values inside a multi-byte character. Malformed text is the parser's to refuse.
 */
export function textNestsDeeperThan(bytes: Uint8Array, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) {
      inString = true;
    } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
      if (++depth > max) return true;
    } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
      depth--;
    }
  }
  return false;
}

/** The same question of a parsed value, iteratively. */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const pending: [unknown, number][] = [[value, 0]];
  while (pending.length > 0) {
    const [item, above] = pending.pop()!;
    if (item === null || typeof item !== 'object') continue;
    if (above + 1 > max) return true;
    for (const child of Object.values(item)) pending.push([child, above + 1]);
  }
  return false;
}
